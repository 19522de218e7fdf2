// Write the test documents (see document-fixtures.ts) into a folder, for the end-to-end tests:
// `tsx scripts/make-fixture-documents.ts e2e/.generated/documents`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  makeBinary,
  makeChinesePdf,
  makeCorruptPdf,
  makeDocx,
  makeEncryptedPdf,
  makeGbkText,
  makeLongPdf,
  makeHtml,
  makeTextlessPdf,
  makeTwoPagePdf,
} from './document-fixtures';

const out = process.argv[2] ?? 'e2e/.generated/documents';
mkdirSync(out, { recursive: true });
const files: Record<string, Uint8Array> = {
  'two-pages.pdf': await makeTwoPagePdf(),
  '火山.pdf': makeChinesePdf(),
  'long.pdf': await makeLongPdf(400),
  'scanned.pdf': await makeTextlessPdf(),
  'locked.pdf': makeEncryptedPdf(),
  'damaged.pdf': makeCorruptPdf(),
  'field-guide.docx': await makeDocx(),
  'reefs.html': makeHtml(),
  '火山-gbk.txt': makeGbkText(),
  'noise.txt': makeBinary(),
  'zero.txt': new Uint8Array(),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(out, name), bytes);
console.log(`Wrote ${Object.keys(files).length} test documents to ${out}`);
