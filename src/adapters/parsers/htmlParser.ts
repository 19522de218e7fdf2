// HTML files: decoded like text files (UTF-8, UTF-16 with BOM, GB18030), then only the visible text kept.
import { decodeTextWithCheck } from './textEncoding';
import { htmlToText } from './htmlText';
import { parseFailure, type ParseResult } from './parseResult';

export async function parseHtml(bytes: Uint8Array): Promise<ParseResult> {
  const decoded = await decodeTextWithCheck(bytes);
  if (!decoded.ok) return parseFailure(decoded.reason, decoded.detail);
  const { text, sections } = htmlToText(decoded.text);
  if (text.trim() === '') return parseFailure('no-visible-text');
  return { ok: true, doc: { kind: 'html', text, encoding: decoded.encoding, ...(sections.length > 0 ? { structure: { sections } } : {}) } };
}
