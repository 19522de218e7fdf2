// Decoding text bytes (core decodeTextBytes: UTF-8, UTF-16 with a BOM, GB18030), with a second opinion
// from chardet where the bytes are not UTF-8: Japanese (Shift-JIS, EUC-JP), Korean (EUC-KR) or
// Traditional Chinese (Big5) bytes can decode as GB18030 without an error, as the wrong characters. Big5
// is read as Big5; the others are refused with the encoding named, never shown as garbled Chinese.
import { decodeTextBytes, type DecodedBytes } from '@openbook/core/decodeText';

/** chardet's names of the CJK encodings that are not GB18030, lower-cased. */
const OTHER_CJK = new Set(['shift_jis', 'euc-jp', 'euc-kr', 'big5', 'iso-2022-jp', 'iso-2022-kr', 'iso-2022-cn']);

/** How much of the file the detector reads: a sample is enough. */
const SAMPLE_BYTES = 64 * 1024;

export async function decodeTextWithCheck(bytes: Uint8Array): Promise<DecodedBytes> {
  const decoded = decodeTextBytes(bytes);
  const doubtful = decoded.ok ? decoded.encoding === 'gb18030' : decoded.reason === 'unknown-encoding';
  if (!doubtful) return decoded;
  // Loaded only for text that is not UTF-8 or UTF-16.
  const { analyse } = await import('chardet');
  const guesses = analyse(bytes.subarray(0, SAMPLE_BYTES)).map((g) => ({ name: g.name, key: g.name.toLowerCase(), confidence: g.confidence }));
  const gb = guesses.find((g) => g.key === 'gb18030')?.confidence ?? 0;
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
  return { ok: false, reason: 'unsupported-encoding', detail: top.name };
}
