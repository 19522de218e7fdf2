// PDF files with pdf.js: the text of each page (see pdfText.ts), pages separated by a blank line, and
// where each page lies in the text. A PDF that asks for a password, one pdf.js cannot open, and one with
// no text layer each get their own reason. A PDF with more pages than PDF_LIMITS allows is refused before
// any page is read; reading stops once the text is larger than its limit.
import type { PageSpan } from '@openbook/core/types';
import type { ParseProgress } from './htmlParser';
import { formatCount, PDF_LIMITS, type PdfLimits } from './parseLimits';
import { loadPdfjs } from './pdfjs';
import { parseFailure, type ParseResult, type TextSink } from './parseResult';
import { pageText, type PdfTextItem } from './pdfText';

const PAGE_SEPARATOR = '\n\n';

/** Gives pdf.js an Adobe CMap file (e.g. 'UniGB-UCS2-H.bcmap'), needed for CJK fonts that are not embedded. */
export type CMapLoader = (filename: string) => Promise<Uint8Array>;

export interface PdfOptions {
  loadCMap?: CMapLoader;
  /** Page count and text size limits (PDF_LIMITS unless given). */
  limits?: PdfLimits;
  /** Each page's text (after the blank line that separates it from the page before) once it is read. */
  onText?: TextSink;
  /** Pages read so far, after each page (when the text is not streamed: `onText` reports its own progress). */
  onProgress?: ParseProgress;
}

/** pdf.js asks for binary data (CMaps, fonts, wasm) through this; only CMaps are given, from `loadCMap`. */
function binaryDataFactory(loadCMap: CMapLoader) {
  return class OwnBinaryData {
    async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
      if (kind === 'cMapUrl') return loadCMap(filename);
      throw new Error(`No ${kind} data here (${filename}).`);
    }
  };
}

export async function parsePdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ParseResult> {
  if (bytes.length === 0) return parseFailure('empty-file');
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdf.js 6 no longer compiles PDF functions with eval (its isEvalSupported option is gone).
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...(options.loadCMap ? { cMapPacked: true, useWorkerFetch: false, BinaryDataFactory: binaryDataFactory(options.loadCMap) as never } : {}),
  });
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'PasswordException') return parseFailure('pdf-encrypted');
      return parseFailure('pdf-damaged', error instanceof Error ? error.message : String(error));
    }
    const limits = options.limits ?? PDF_LIMITS;
    if (pdf.numPages > limits.maxPages) return parseFailure('pdf-too-many-pages', formatCount(limits.maxPages));
    let text = '';
    const pages: PageSpan[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      let pageString = '';
      try {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        pageString = pageText(content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i));
        page.cleanup();
      } catch (error) {
        return parseFailure('pdf-damaged', `page ${n}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (n > 1) text += PAGE_SEPARATOR;
      pages.push({ page: n, start: text.length, end: text.length + pageString.length });
      text += pageString;
      if (text.length > limits.maxTextChars) return parseFailure('pdf-text-too-large', formatCount(limits.maxTextChars));
      if (options.onText) await options.onText((n > 1 ? PAGE_SEPARATOR : '') + pageString, { done: n, total: pdf.numPages, unit: 'pages' });
      else await options.onProgress?.(n, pdf.numPages);
    }
    if (text.trim() === '') return parseFailure('pdf-no-text', String(pdf.numPages));
    return { ok: true, doc: { kind: 'pdf', text, structure: { pages } } };
  } finally {
    await task.destroy();
  }
}
