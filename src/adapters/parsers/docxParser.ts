// Word (.docx) files with mammoth: converted to HTML (paragraphs, headings, lists, tables), whose text and
// headings are then read like any HTML. Mammoth never runs anything from the file. The zip is unpacked
// first within the limits of zipLimits.ts (a zip bomb is refused before it fills memory), and mammoth
// gets the checked entries again, stored uncompressed, so it unpacks nothing that was not counted.
import { zipSync } from 'fflate';
import { htmlToText } from './htmlText';
import { parseFailure, type ParseFailure, type ParseResult } from './parseResult';
import { unzipWithinLimits, ZIP_LIMITS, type ZipLimitFailure, type ZipLimits } from './zipLimits';

type MammothInput = { arrayBuffer: ArrayBuffer } | { buffer: Uint8Array };

/** Mammoth's browser build reads an ArrayBuffer, its Node build a Buffer. */
function mammothInput(bytes: Uint8Array): MammothInput {
  const nodeBuffer = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  if (nodeBuffer) return { buffer: nodeBuffer.from(bytes) };
  return { arrayBuffer: bytes.slice().buffer };
}

const DOCX_FAILURE: Record<ZipLimitFailure, ParseFailure> = {
  'archive-too-large': 'docx-too-large',
  'archive-too-many-entries': 'docx-too-many-entries',
  'archive-ratio': 'docx-ratio',
  'archive-damaged': 'docx-damaged',
};

export async function parseDocx(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ParseResult> {
  if (bytes.length === 0) return parseFailure('empty-file');
  const unpacked = unzipWithinLimits(bytes, limits);
  if (!unpacked.ok) return parseFailure(DOCX_FAILURE[unpacked.reason], unpacked.detail);
  const checked = zipSync(unpacked.files, { level: 0 });
  // Loaded on the first Word document only: most sessions never need it.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml(mammothInput(checked) as { arrayBuffer: ArrayBuffer })).value;
  } catch (error) {
    return parseFailure('docx-damaged', error instanceof Error ? error.message : String(error));
  }
  const { text, sections } = htmlToText(html);
  if (text.trim() === '') return parseFailure('no-visible-text');
  return { ok: true, doc: { kind: 'docx', text, ...(sections.length > 0 ? { structure: { sections } } : {}) } };
}
