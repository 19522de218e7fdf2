// Decoding text bytes (core decodeTextBytes: UTF-8, UTF-16 with a BOM, GB18030), with a second opinion
// from jschardet where the bytes are not UTF-8: Japanese (Shift-JIS, EUC-JP), Korean (EUC-KR) or
// Traditional Chinese (Big5) bytes can decode as GB18030 without an error, as the wrong characters. Big5
// is read as Big5; the others are refused with the encoding named, never shown as garbled Chinese.
import { decodeTextBytes, type DecodedBytes } from '../../core/decodeText';

const OTHER_CJK = new Set(['shift_jis', 'cp932', 'euc-jp', 'euc-kr', 'cp949', 'big5', 'iso-2022-jp', 'iso-2022-kr']);

/** Windows code pages shown by the name people know them by. */
const DISPLAY_NAMES: Record<string, string> = { cp932: 'Shift_JIS', shift_jis: 'Shift_JIS', cp949: 'EUC-KR' };

/** The bytes as a binary string (one char per byte), as jschardet reads them; a sample is enough. */
function binaryString(bytes: Uint8Array, max = 64 * 1024): string {
  let s = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...bytes.subarray(i, Math.min(n, i + 8192)));
  return s;
}

export async function decodeTextWithCheck(bytes: Uint8Array): Promise<DecodedBytes> {
  const decoded = decodeTextBytes(bytes);
  const doubtful = decoded.ok ? decoded.encoding === 'gb18030' : decoded.reason === 'unknown-encoding';
  if (!doubtful) return decoded;
  // Loaded only for text that is not UTF-8 or UTF-16: its tables are large.
  const { default: jschardet } = await import('jschardet');
  const guesses = jschardet
    .detectAll(binaryString(bytes))
    .map((g) => ({ name: g.encoding ?? '', key: (g.encoding ?? '').toLowerCase(), confidence: g.confidence }));
  const gb = guesses.find((g) => g.key === 'gb18030' || g.key === 'gb2312')?.confidence ?? 0;
  const top = guesses[0];
  if (!top || !OTHER_CJK.has(top.key) || top.confidence <= gb) return decoded;
  if (top.key === 'big5') {
    try {
      const text = new TextDecoder('big5', { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n');
      if (text.trim() !== '') return { ok: true, text, encoding: 'big5' };
    } catch {
      // Not valid Big5 either: refused below.
    }
  }
  return { ok: false, reason: 'unsupported-encoding', detail: DISPLAY_NAMES[top.key] ?? top.name };
}
