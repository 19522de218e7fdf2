// Turning the bytes of a dropped file into text, or a specific reason why they are not usable text.
// Pure: TextDecoder exists in browsers and in Node.

export type DecodeFailure = 'empty-file' | 'whitespace-only' | 'not-text' | 'unsupported-type';

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; kind: 'text' | 'markdown' }
  | { ok: false; reason: DecodeFailure; detail?: string };

const TEXT_EXTENSIONS: Record<string, 'text' | 'markdown'> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
};

/** The accepted file extensions, for the file picker's accept attribute. */
export const ACCEPTED_EXTENSIONS = Object.keys(TEXT_EXTENSIONS).map((ext) => `.${ext}`);

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

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

function decodeStrict(bytes: Uint8Array, label: 'utf-8' | 'utf-16le' | 'utf-16be'): string | null {
  try {
    // ignoreBOM: false (the default) strips a matching BOM.
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decode a file the user gave us. `name` decides whether the type is supported at all. */
export function decodeTextFile(name: string, bytes: Uint8Array): DecodeResult {
  const ext = fileExtension(name);
  const kind = TEXT_EXTENSIONS[ext];
  if (!kind) return { ok: false, reason: 'unsupported-type', detail: ext ? `.${ext}` : name };
  if (bytes.length === 0) return { ok: false, reason: 'empty-file' };

  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';

  const text = decodeStrict(bytes, encoding);
  if (text === null || looksBinary(text)) return { ok: false, reason: 'not-text' };
  if (text.trim().length === 0) return { ok: false, reason: 'whitespace-only' };
  return { ok: true, text: text.replace(/\r\n?/g, '\n'), encoding, kind };
}

/** Pasted text: only emptiness can be wrong with it. */
export function checkPastedText(text: string): DecodeFailure | null {
  return text.trim().length === 0 ? 'whitespace-only' : null;
}
