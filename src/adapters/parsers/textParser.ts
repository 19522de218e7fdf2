// Plain text and Markdown: the decoded text as it is; Markdown also gets sections from its headings.
import { decodeTextWithCheck } from './textEncoding';
import { markdownSections } from '@openbook/core/markdownStructure';
import { parseFailure, type ParseResult } from './parseResult';

export async function parseText(bytes: Uint8Array, kind: 'text' | 'markdown'): Promise<ParseResult> {
  const decoded = await decodeTextWithCheck(bytes);
  if (!decoded.ok) return parseFailure(decoded.reason, decoded.detail);
  const { text, encoding } = decoded;
  if (kind === 'text') return { ok: true, doc: { kind, text, encoding } };
  const sections = markdownSections(text);
  return { ok: true, doc: { kind, text, encoding, ...(sections.length > 0 ? { structure: { sections } } : {}) } };
}
