// Number formatting for the UI, in the current language (passed in): pure Intl, so every layer may use it.

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  // One formatter per locale and precision: a list of 1,000 files would otherwise make 1,000 of them.
  const key = `${locale}|${digits}`;
  let format = byteFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    byteFormats.set(key, format);
  }
  return `${format.format(value)} ${units[unit]}`;
}

const byteFormats = new Map<string, Intl.NumberFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: string, digits = 0): string {
  // Making an Intl.NumberFormat costs far more than using one: keep one per locale and precision.
  const key = `${locale}|${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    numberFormats.set(key, format);
  }
  return format.format(n);
}

export function formatMs(ms: number, locale: string): string {
  return ms >= 1000 ? `${formatNumber(ms / 1000, locale, 2)} s` : `${formatNumber(ms, locale, ms < 10 ? 1 : 0)} ms`;
}
