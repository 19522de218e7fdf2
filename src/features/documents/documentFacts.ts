// The short facts shown for a document in the list: pages or sections, encoding, date added, hash.
import type { TFunction } from 'i18next';
import type { SourceDocument } from '@openbook/core/types';

/** Pages of a PDF, else sections of a structured document; null when it has neither. */
export function structureFact(doc: SourceDocument, t: TFunction): string | null {
  const pages = doc.structure?.pages?.length;
  if (pages !== undefined) return t('documentMeta.pages', { count: pages });
  const sections = doc.structure?.sections?.length;
  if (sections) return t('documentMeta.sections', { count: sections });
  return null;
}

/** Encodings as people write them. */
const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030',
  big5: 'Big5',
};

export const encodingName = (encoding: string) => ENCODING_NAMES[encoding] ?? encoding;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Short enough for the list ("Nov 21, 06:28"); the full date is in the element's title. */
export function formatAddedAt(addedAt: number, locale: string, full = false): string {
  // One formatter per locale and style: making one costs far more than using it (a list of 1,000 documents).
  const key = `${locale}|${full}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = full
      ? { dateStyle: 'full', timeStyle: 'short' }
      : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format.format(new Date(addedAt));
}
