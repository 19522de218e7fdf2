// Word (.docx) files with mammoth: converted to HTML (paragraphs, headings, lists, tables), whose text and
// headings are then read like any HTML. Mammoth never runs anything from the file.
import { htmlToText } from './htmlText';
import { parseFailure, type ParseResult } from './parseResult';

type MammothInput = { arrayBuffer: ArrayBuffer } | { buffer: Uint8Array };

/** Mammoth's browser build reads an ArrayBuffer, its Node build a Buffer. */
function mammothInput(bytes: Uint8Array): MammothInput {
  const nodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  if (nodeBuffer) return { buffer: nodeBuffer.from(bytes) };
  return { arrayBuffer: bytes.slice().buffer };
}

export async function parseDocx(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length === 0) return parseFailure('empty-file');
  // Loaded on the first Word document only: most sessions never need it.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml(mammothInput(bytes) as { arrayBuffer: ArrayBuffer })).value;
  } catch (error) {
    return parseFailure('docx-damaged', error instanceof Error ? error.message : String(error));
  }
  const { text, sections } = htmlToText(html);
  if (text.trim() === '') return parseFailure('no-visible-text');
  return { ok: true, doc: { kind: 'docx', text, ...(sections.length > 0 ? { structure: { sections } } : {}) } };
}
