// Test documents of every format Openbook reads, good and bad, made with well-kept libraries (pdf-lib,
// docx, iconv-lite) so that no binary fixture is checked in. Used by the parser unit tests, the
// benchmark, and (through make-fixture-documents.ts) the end-to-end tests.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

/** A PDF with one page per entry of `pages`, each page's lines drawn top to bottom. */
export async function makePdf(pages: string[][], options: { columns?: [string[], string[]] } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 18, size: 12, font }));
  }
  if (options.columns) {
    // Two columns on one page, the left one drawn first (as a PDF made from a two-column layout is).
    const page = pdf.addPage([595, 842]);
    options.columns.forEach((column, c) => column.forEach((line, i) => page.drawText(line, { x: 50 + c * 270, y: 780 - i * 18, size: 12, font })));
  }
  return pdf.save({ useObjectStreams: false });
}

/** The two-page PDF of the tests: a line about volcanoes on page 1, about tea on page 2. */
export const TWO_PAGE_PDF_TEXT: string[][] = [
  ['Volcanoes of the Pacific', 'Magma rises through the crater of a volcano.', 'Lava cools into basalt.'],
  ['Tea of the mountains', 'Green tea leaves are steamed, then rolled and dried.'],
];

export const makeTwoPagePdf = () => makePdf(TWO_PAGE_PDF_TEXT);

/** A PDF of `pageCount` pages of 40 lines each, for the benchmark. */
export function makeLongPdf(pageCount: number): Promise<Uint8Array> {
  const pages = Array.from({ length: pageCount }, (_, p) =>
    Array.from({ length: 40 }, (_, l) => `Page ${p + 1}, line ${l + 1}: retrieval augments generation with passages from the documents.`),
  );
  return makePdf(pages);
}

/** A PDF whose only page has a drawn rectangle and no text at all (as a scan has no text layer). */
export async function makeTextlessPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  pdf.addPage([595, 842]).drawRectangle({ x: 100, y: 400, width: 300, height: 200, color: rgb(0.2, 0.4, 0.8) });
  return pdf.save({ useObjectStreams: false });
}

/**
 * A PDF encrypted with the standard security handler (RC4, revision 2) and a user password: pdf-lib
 * cannot encrypt, so it is written by hand, with a correct cross-reference table. Its /U entry matches
 * no empty password, so a reader must ask for one.
 */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  return handWrittenPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>',
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${hex(32, 11)}> /U <${hex(32, 99)}> >>`,
      stream('0123456789abcdef'),
    ],
    `/Encrypt 4 0 R /ID [<${hex(16, 5)}> <${hex(16, 5)}>]`,
  );
}

/** The Chinese text of makeChinesePdf. */
export const CHINESE_PDF_TEXT = '火山是岩浆喷出地表形成的山。';

/**
 * A Chinese PDF as many older ones are made: a font that is not embedded (STSong-Light) whose character
 * codes go through the predefined CMap UniGB-UCS2-H. A reader needs the Adobe CMap files to get the text.
 */
export function makeChinesePdf(): Uint8Array {
  const ucs2 = [...CHINESE_PDF_TEXT].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  return handWrittenPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    stream(`BT /F1 24 Tf 50 700 Td <${ucs2}> Tj ET`),
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]);
}

const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/** A PDF written object by object (for what pdf-lib cannot make), with a correct cross-reference table. */
function handWrittenPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A damaged PDF: a PDF header, then bytes that are no PDF at all. */
export function makeCorruptPdf(): Uint8Array {
  const bytes = new Uint8Array(2048);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
  return bytes;
}

/** A Word document with a title, two sections (one with a subsection) and paragraphs. */
export function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Openbook tests',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Field guide', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('A short guide to the things in the field.'),
          new Paragraph({ text: 'Birds', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('The heron stands still in shallow water.'),
          new Paragraph({ text: 'Herons', heading: HeadingLevel.HEADING_3 }),
          new Paragraph('Herons nest in colonies called heronries.'),
          new Paragraph({ text: 'Trees', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('Oaks can live for a thousand years.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc).then((b) => new Uint8Array(b));
}

/** Chinese text in GBK (as many Chinese Windows programs still save it). */
export const GBK_TEXT = '火山是地壳中的岩浆喷出地表形成的山。\n茶叶经过杀青、揉捻和干燥制成。\n';
export const makeGbkText = () => new Uint8Array(iconv.encode(GBK_TEXT, 'gbk'));

/** Chinese text in UTF-16 little-endian with a BOM. */
export const makeUtf16Text = (text: string) => new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }));

/** A web page with a script, a style, an image whose onerror would run code, and headings. */
export const HTML_PAGE = `<!doctype html>
<html><head><title>Not shown</title>
<style>body { color: red } .secret::after { content: "STYLE-TEXT" }</style>
<script>window.__injected = true; document.title = 'SCRIPT-TEXT';</script>
</head>
<body>
<h1>Coral reefs</h1>
<p>Coral reefs are built by tiny animals called polyps.</p>
<img src="x" onerror="window.__injected = true; document.body.append('ONERROR-TEXT')">
<h2>Threats</h2>
<p>Warm water bleaches the coral &amp; kills it.</p>
<template><p>TEMPLATE-TEXT</p></template>
<noscript>NOSCRIPT-TEXT</noscript>
<ul><li>Heat</li><li>Pollution</li></ul>
</body></html>
`;
export const makeHtml = () => new TextEncoder().encode(HTML_PAGE);

/** Bytes that are not text, under a text name. */
export function makeBinary(): Uint8Array {
  const bytes = new Uint8Array(512);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  return bytes;
}
