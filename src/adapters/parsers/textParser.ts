// Plain text and Markdown: the decoded text as it is; Markdown also gets sections from its headings.
// With `onText`, a text longer than one slice is also handed over in slices of TEXT_SLICE characters
// (decoding itself is one fast call; the slices let chunking and embedding start before the whole text has
// been chunked), each with the share of the file's bytes it has reached. A shorter text is not: one slice
// would be the whole text, so it gains nothing.
import { decodeTextWithCheck } from './textEncoding';
import { markdownSections } from '@openbook/core/markdownStructure';
import { parseFailure, type ParseResult, type TextSink } from './parseResult';

export const TEXT_SLICE = 256 * 1024;

export async function parseText(bytes: Uint8Array, kind: 'text' | 'markdown', onText?: TextSink): Promise<ParseResult> {
  const decoded = await decodeTextWithCheck(bytes);
  if (!decoded.ok) return parseFailure(decoded.reason, decoded.detail);
  const { text, encoding } = decoded;
  if (onText && text.length > TEXT_SLICE) {
    for (let from = 0; from < text.length; from += TEXT_SLICE) {
      const to = Math.min(text.length, from + TEXT_SLICE);
      await onText(text.slice(from, to), { done: Math.round((bytes.length * to) / text.length), total: bytes.length, unit: 'bytes' });
    }
  }
  if (kind === 'text') return { ok: true, doc: { kind, text, encoding } };
  const sections = markdownSections(text);
  return { ok: true, doc: { kind, text, encoding, ...(sections.length > 0 ? { structure: { sections } } : {}) } };
}
