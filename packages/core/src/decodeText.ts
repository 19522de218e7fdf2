// Turning the bytes of a dropped file into text, or a specific reason why they are not usable text.
// Encodings: UTF-8 (with or without a BOM), UTF-16 LE/BE with a BOM, and GB18030 (a superset of GBK and
// GB2312, common for Chinese files). A file is read as GB18030 only when it is not valid UTF-8, decodes
// as GB18030 without a single error, and reads as Chinese text; anything else is refused with a reason,
// never decoded as a guess. Pure: TextDecoder exists in browsers, workers and Node.
import { fileExtension, fileKind } from './documentFormats';

/**
 * Why bytes are not usable text. 'unknown-encoding': text, but not in an encoding read here;
 * 'unsupported-encoding' (detail: its name): an encoding recognised by a detector but not read.
 */
export type DecodeFailure = 'empty-file' | 'whitespace-only' | 'not-text' | 'unknown-encoding' | 'unsupported-encoding' | 'unsupported-type';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type DecodedBytes = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: DecodeFailure; detail?: string };

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName; kind: 'text' | 'markdown' }
  | { ok: false; reason: DecodeFailure; detail?: string };

export { ACCEPTED_EXTENSIONS, fileExtension } from './documentFormats';

/** Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary. */
const MAX_CONTROL_SHARE = 0.01;

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control / Math.max(1, text.length) > MAX_CONTROL_SHARE;
}

function decodeStrict(bytes: Uint8Array, label: TextEncodingName): string | null {
  try {
    // ignoreBOM: false (the default) strips a matching BOM.
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** CJK ideographs, CJK punctuation and full-width forms: what the non-ASCII part of Chinese text is made of. */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * Whether text decoded as GB18030 reads as Chinese: most of its non-ASCII characters are CJK. Bytes of
 * another encoding (Latin-1, Shift-JIS, Big5...) that happen to decode give rarer characters and fail.
 */
function readsAsChinese(text: string): boolean {
  let nonAscii = 0;
  let chinese = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) continue;
    nonAscii++;
    if (CHINESE.test(ch)) chinese++;
  }
  return nonAscii > 0 && chinese / nonAscii >= 0.8;
}

/** Detect the encoding of text bytes and decode them, or say why they are not text. */
export function decodeTextBytes(bytes: Uint8Array): DecodedBytes {
  if (bytes.length === 0) return { ok: false, reason: 'empty-file' };

  let encoding: TextEncodingName = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';

  let text = decodeStrict(bytes, encoding);
  if (text === null && encoding === 'utf-8') {
    const gb = decodeStrict(bytes, 'gb18030');
    if (gb !== null && !looksBinary(gb) && readsAsChinese(gb)) {
      text = gb;
      encoding = 'gb18030';
    } else {
      // Not UTF-8 and not Chinese GB18030: binary, or text in an encoding we will not guess.
      const latin = new TextDecoder('windows-1252').decode(bytes);
      return { ok: false, reason: looksBinary(latin) ? 'not-text' : 'unknown-encoding' };
    }
  }
  if (text === null || looksBinary(text)) return { ok: false, reason: 'not-text' };
  if (text.trim().length === 0) return { ok: false, reason: 'whitespace-only' };
  return { ok: true, text: text.replace(/\r\n?/g, '\n'), encoding };
}

/** Decode a text or Markdown file the user gave us. `name` decides whether the type is one of those. */
export function decodeTextFile(name: string, bytes: Uint8Array): DecodeResult {
  const kind = fileKind(name);
  if (kind !== 'text' && kind !== 'markdown') {
    const ext = fileExtension(name);
    return { ok: false, reason: 'unsupported-type', detail: ext ? `.${ext}` : name };
  }
  const decoded = decodeTextBytes(bytes);
  return decoded.ok ? { ...decoded, kind } : decoded;
}

/** Pasted text: only emptiness can be wrong with it. */
export function checkPastedText(text: string): DecodeFailure | null {
  return text.trim().length === 0 ? 'whitespace-only' : null;
}
