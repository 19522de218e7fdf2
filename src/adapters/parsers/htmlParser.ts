// HTML files: decoded like text files (UTF-8, UTF-16 with BOM, GB18030), then only the visible text kept.
import { decodeTextWithCheck } from './textEncoding';
import { htmlToText, htmlToTextInSteps } from './htmlText';
import { parseFailure, type ParseResult } from './parseResult';

/** Told how far reading has got (characters done, of total); awaited, so the worker can answer in between. */
export type ParseProgress = (done: number, total: number) => Promise<void> | void;

export async function parseHtml(bytes: Uint8Array, onProgress?: ParseProgress): Promise<ParseResult> {
  const decoded = await decodeTextWithCheck(bytes);
  if (!decoded.ok) return parseFailure(decoded.reason, decoded.detail);
  const { text, sections } = onProgress
    ? await htmlToTextInSteps(decoded.text, async (done, total) => {
        await onProgress(done, total);
      })
    : htmlToText(decoded.text);
  if (text.trim() === '') return parseFailure('no-visible-text');
  return { ok: true, doc: { kind: 'html', text, encoding: decoded.encoding, ...(sections.length > 0 ? { structure: { sections } } : {}) } };
}
