import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  CHINESE_PDF_TEXT,
  makeChinesePdf,
  makeCorruptPdf,
  makeEncryptedPdf,
  makePdf,
  makeTextlessPdf,
  makeTwoPagePdf,
  TWO_PAGE_PDF_TEXT,
} from '../../../scripts/document-fixtures';
import { loadPdfjs } from './pdfjs';
import { parsePdf } from './pdfParser';
import { pageText } from './pdfText';

describe('parsePdf', () => {
  it('refuses a PDF over the page limit before reading a page, and stops at the text limit', async () => {
    const pdf = await makeTwoPagePdf();
    expect(await parsePdf(pdf, { limits: { maxPages: 1, maxTextChars: 1e6 } })).toEqual({ ok: false, reason: 'pdf-too-many-pages', detail: '1' });
    expect(await parsePdf(pdf, { limits: { maxPages: 10, maxTextChars: 10 } })).toEqual({ ok: false, reason: 'pdf-text-too-large', detail: '10' });
  });

  it('hands each page over as it is read: the slices joined are the text, with the pages read so far', async () => {
    const pdf = await makePdf(Array.from({ length: 5 }, (_, p) => [`Page ${p + 1} tells of lava.`, 'Green tea steeps.']));
    const slices: string[] = [];
    const reads: string[] = [];
    const r = await parsePdf(pdf, {
      onText: (slice, read) => {
        slices.push(slice);
        reads.push(`${read.done}/${read.total} ${read.unit}`);
      },
    });
    if (!r.ok) throw new Error(r.reason);
    expect(slices.join('')).toBe(r.doc.text);
    expect(slices).toHaveLength(5);
    expect(slices[1]!.startsWith('\n\nPage 2')).toBe(true);
    expect(reads).toEqual(['1/5 pages', '2/5 pages', '3/5 pages', '4/5 pages', '5/5 pages']);
  });

  it('reports the pages read after each page when the text is not streamed (and only then)', async () => {
    const pdf = await makePdf(Array.from({ length: 3 }, (_, p) => [`Page ${p + 1} tells of lava.`]));
    const progress: string[] = [];
    const r = await parsePdf(pdf, { onProgress: (done, total) => void progress.push(`${done}/${total}`) });
    expect(r.ok).toBe(true);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    progress.length = 0;
    await parsePdf(pdf, { onProgress: (done, total) => void progress.push(`${done}/${total}`), onText: () => {} });
    expect(progress).toEqual([]);
  });

  it('gives the text of each page, a blank line between pages, and the page spans', async () => {
    const r = await parsePdf(await makeTwoPagePdf());
    if (!r.ok) throw new Error(r.reason);
    const { text, structure } = r.doc;
    expect(text).toBe(TWO_PAGE_PDF_TEXT.map((lines) => lines.join('\n')).join('\n\n'));
    expect(structure?.pages?.map((p) => [p.page, text.slice(p.start, p.end)])).toEqual(TWO_PAGE_PDF_TEXT.map((lines, i) => [i + 1, lines.join('\n')]));
  });

  it('keeps two columns apart, in the order the PDF has them', async () => {
    const r = await parsePdf(
      await makePdf([], {
        columns: [
          ['Left one', 'Left two'],
          ['Right one', 'Right two'],
        ],
      }),
    );
    expect(r.ok && r.doc.text).toBe('Left one\nLeft two\nRight one\nRight two');
  });

  it('reads Chinese text set in a font that is not embedded, with the Adobe CMaps it is given', async () => {
    const asked: string[] = [];
    const loadCMap = async (filename: string) => {
      asked.push(filename);
      return new Uint8Array(await readFile(`node_modules/pdfjs-dist/cmaps/${filename}`));
    };
    const r = await parsePdf(makeChinesePdf(), { loadCMap });
    expect(r.ok && r.doc.text).toBe(CHINESE_PDF_TEXT);
    expect(asked).toContain('UniGB-UCS2-H.bcmap');
  });

  it('says a PDF with no text layer has no text', async () => {
    expect(await parsePdf(await makeTextlessPdf())).toEqual({ ok: false, reason: 'pdf-no-text', detail: '1' });
  });

  it('says an encrypted PDF cannot be read, without asking for a password', async () => {
    // pdf.js itself asks for a password (PasswordException) ...
    const pdfjs = await loadPdfjs();
    const task = pdfjs.getDocument({ data: makeEncryptedPdf(), verbosity: 0 });
    await expect(task.promise).rejects.toMatchObject({ name: 'PasswordException' });
    await task.destroy();
    // ... and the parser turns that into its reason.
    expect(await parsePdf(makeEncryptedPdf())).toEqual({ ok: false, reason: 'pdf-encrypted' });
  });

  it('says a corrupt or truncated PDF is damaged', async () => {
    expect(await parsePdf(makeCorruptPdf())).toMatchObject({ ok: false, reason: 'pdf-damaged' });
    expect(await parsePdf(new TextEncoder().encode('%PDF-1.4\n%%EOF'))).toMatchObject({ ok: false, reason: 'pdf-damaged' });
  });
});

describe('pageText', () => {
  const item = (str: string, x: number, y: number, width = str.length * 6, hasEOL = false) => ({
    str,
    transform: [12, 0, 0, 12, x, y],
    width,
    height: 12,
    hasEOL,
  });

  it('joins items on a baseline left to right, with a space only at a gap', () => {
    expect(pageText([item('world', 100, 700), item('Hello', 50, 700, 30), item('!', 130, 700, 3)])).toBe('Hello world!');
  });

  it('starts a new line on a new baseline and a paragraph after a large gap', () => {
    expect(pageText([item('one', 50, 700), item('two', 50, 686), item('three', 50, 620)])).toBe('one\ntwo\n\nthree');
  });
});
