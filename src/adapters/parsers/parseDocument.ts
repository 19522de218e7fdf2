// One entry point for every format: the file name's extension picks the parser.
import { fileExtension, fileKind } from '@openbook/core/documentFormats';
import { parseDocx } from './docxParser';
import { parseHtml, type ParseProgress } from './htmlParser';
import { parseFailure, type ParseResult, type TextSink } from './parseResult';
import { parsePdf, type PdfOptions } from './pdfParser';
import { parseText } from './textParser';

export interface ParseOptions extends PdfOptions {
  /** Progress of a long parse (HTML is read in steps and reports after each; a PDF after each page). */
  onProgress?: ParseProgress;
  /** The text as it is read (PDF page by page, text and Markdown in slices); HTML and Word give none. */
  onText?: TextSink;
}

export async function parseDocument(name: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  const kind = fileKind(name);
  if (!kind) {
    const ext = fileExtension(name);
    return parseFailure('unsupported-type', ext ? `.${ext}` : name);
  }
  if (bytes.length === 0) return parseFailure('empty-file');
  switch (kind) {
    case 'text':
    case 'markdown':
      return parseText(bytes, kind, options.onText);
    case 'html':
      return parseHtml(bytes, options.onProgress);
    case 'pdf':
      return parsePdf(bytes, options);
    case 'docx':
      return parseDocx(bytes);
  }
}
