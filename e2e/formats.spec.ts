// Real documents in: one file of each format read (in the parser worker), listed with its metadata and
// chunked; each bad file gets its own reason while the good documents stay; the size cap is a setting.
// The files are made by scripts/make-fixture-documents.ts (run by scripts/e2e.mjs).
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, doc } from './fixtures';
import { documentList, openApp, releaseHold, showChunkList, withTestHooks } from './steps';

const generated = (name: string) => path.join(import.meta.dirname, '.generated', 'documents', name);

async function addGenerated(page: Page, ...names: string[]) {
  await page.getByLabel('Choose files').setInputFiles(names.map(generated));
}

const fileRow = (page: Page, name: string) => page.getByRole('list', { name: 'Files being added' }).getByRole('listitem').filter({ hasText: name });
const documentRow = (page: Page, name: string) => documentList(page).getByRole('listitem').filter({ hasText: name });

async function chunksOf(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await showChunkList(page);
  const chunks = page.getByRole('list', { name: `Chunks of ${name}` });
  await expect(chunks.getByRole('listitem').first()).toBeVisible();
  return chunks;
}

test('one file of each format is read, listed with its metadata, and chunked', async ({ page }) => {
  await openApp(page);
  await addGenerated(page, 'two-pages.pdf', 'field-guide.docx', 'reefs.html', '火山-gbk.txt');
  await page.getByLabel('Choose files').setInputFiles(doc('volcanoes.md'));

  for (const name of ['two-pages.pdf', 'field-guide.docx', 'reefs.html', '火山-gbk.txt', 'volcanoes.md'])
    await expect(fileRow(page, name)).toContainText('Added');
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);

  await expect(documentRow(page, 'two-pages.pdf')).toContainText(/PDF · [\d.]+ KB · 2 pages · \d+ chunks?/);
  await expect(documentRow(page, 'field-guide.docx')).toContainText('Word');
  await expect(documentRow(page, 'field-guide.docx')).toContainText('4 sections');
  await expect(documentRow(page, 'reefs.html')).toContainText('HTML');
  await expect(documentRow(page, 'reefs.html')).toContainText('2 sections · UTF-8');
  await expect(documentRow(page, '火山-gbk.txt')).toContainText('Text');
  await expect(documentRow(page, '火山-gbk.txt')).toContainText('GB18030');
  await expect(documentRow(page, 'volcanoes.md')).toContainText('5 sections · UTF-8');
  // Date added and content hash.
  await expect(documentRow(page, 'two-pages.pdf').locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(documentRow(page, 'two-pages.pdf')).toContainText(/SHA-256 [0-9a-f]{8}/);

  const pdf = await chunksOf(page, 'two-pages.pdf');
  await expect(pdf).toContainText('Magma rises through the crater of a volcano.');
  await expect(pdf).toContainText('Green tea leaves are steamed, then rolled and dried.');

  const docx = await chunksOf(page, 'field-guide.docx');
  await expect(docx).toContainText('Herons nest in colonies called heronries.');

  const html = await chunksOf(page, 'reefs.html');
  await expect(html).toContainText('Warm water bleaches the coral & kills it.');
  for (const hidden of ['SCRIPT-TEXT', 'STYLE-TEXT', 'ONERROR-TEXT', 'TEMPLATE-TEXT', 'NOSCRIPT-TEXT', 'Not shown'])
    await expect(html).not.toContainText(hidden);
  // Nothing from the page was run or put into ours.
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // A Chinese PDF whose font is not embedded: pdf.js needs Adobe CMaps, which the site serves itself.
  await addGenerated(page, '火山.pdf');
  await expect(fileRow(page, '火山.pdf')).toContainText('Added');
  const chinesePdf = await chunksOf(page, '火山.pdf');
  await expect(chinesePdf).toContainText('火山是岩浆喷出地表形成的山。');

  const gbk = await chunksOf(page, '火山-gbk.txt');
  await expect(gbk).toContainText('火山是地壳中的岩浆喷出地表形成的山。');

  // In Chinese, the metadata follows the language.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(documentList(page, '文档').getByRole('listitem').filter({ hasText: 'two-pages.pdf' })).toContainText('2 页');
});

test('each bad file gets its own reason, the good documents stay, and the size cap is a setting', async ({ page }) => {
  await openApp(page);
  await addGenerated(page, 'two-pages.pdf');
  await expect(fileRow(page, 'two-pages.pdf')).toContainText('Added');

  await addGenerated(page, 'scanned.pdf', 'locked.pdf', 'damaged.pdf', 'noise.txt', 'zero.txt');
  await expect(fileRow(page, 'scanned.pdf')).toContainText('Failed: this PDF has no text layer');
  await expect(fileRow(page, 'locked.pdf')).toContainText('Failed: this PDF is encrypted (password-protected) and cannot be read.');
  await expect(fileRow(page, 'damaged.pdf')).toContainText('Failed: this PDF is damaged and cannot be opened');
  await expect(fileRow(page, 'noise.txt')).toContainText('Failed: this is not text.');
  await expect(fileRow(page, 'zero.txt')).toContainText('Failed: the file is empty (0 bytes).');

  // The same content under another name is already there.
  const { readFileSync } = await import('node:fs');
  await page.getByLabel('Choose files').setInputFiles({ name: 'copy.pdf', mimeType: 'application/pdf', buffer: readFileSync(generated('two-pages.pdf')) });
  await expect(fileRow(page, 'copy.pdf')).toContainText('Already there: the same content is already in the list, as two-pages.pdf.');

  // The size cap, lowered in the settings, names the file's size and the cap.
  await page.getByLabel('Largest file (MB)').fill('0.01');
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from('lava '.repeat(4000)) },
    { name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('Magma rises.') },
  ]);
  await expect(fileRow(page, 'big.txt')).toContainText('Failed: the file is 19.5 KB, larger than the limit of 10.2 KB.');
  await expect(fileRow(page, 'small.txt')).toContainText('Added');
  await page.getByLabel('Largest file (MB)').fill('0');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter a size from 0.01 to 2048 MB.' })).toBeVisible();

  // The good documents are there, untouched.
  const list = documentList(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(documentRow(page, 'two-pages.pdf')).toContainText('2 pages');
  const pdf = await chunksOf(page, 'two-pages.pdf');
  await expect(pdf).toContainText('Magma rises through the crater');

  // The finished rows can be cleared.
  await page.getByRole('button', { name: 'Clear list' }).click();
  await expect(page.getByRole('list', { name: 'Files being added' })).toHaveCount(0);
});

test('a long PDF is parsed off the page, shows how far it has read, the page stays responsive, and parsing can be cancelled', async ({ page }) => {
  // The parse waits at its first progress report until released: "Reading…" is looked at mid-parse, whatever the speed.
  await withTestHooks(page, { hold: ['parse-progress'] });
  await openApp(page);
  await addGenerated(page, 'long.pdf', 'two-pages.pdf');
  await expect(fileRow(page, 'long.pdf')).toContainText('Reading…');
  // The parse has reported progress and waits there: it is mid-file.
  await expect.poll(() => page.evaluate(() => window.__openbookTest?.waiting?.['parse-progress']?.length ?? 0)).toBe(1);
  await expect(fileRow(page, 'long.pdf')).toContainText('% read');
  await expect(fileRow(page, 'long.pdf').getByRole('progressbar')).toBeVisible();
  await expect(fileRow(page, 'two-pages.pdf')).toContainText('Queued');
  // The page answers while the PDF is parsed: the paste form opens and takes typing.
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByLabel('Text', { exact: true }).fill('Typed while a PDF is being read.');
  await expect(fileRow(page, 'long.pdf')).toContainText('Reading…');
  await page.getByRole('button', { name: 'Cancel adding files' }).click();
  await expect(fileRow(page, 'long.pdf')).toContainText('Cancelled');
  await expect(fileRow(page, 'two-pages.pdf')).toContainText('Cancelled');
  await expect(page.getByText('No documents yet.')).toBeVisible();

  // Files added afterwards are read by a fresh parser.
  await releaseHold(page, 'parse-progress');
  await addGenerated(page, 'two-pages.pdf');
  await expect(fileRow(page, 'two-pages.pdf').last()).toContainText('Added');
  await expect(documentRow(page, 'two-pages.pdf')).toContainText('2 pages');
});
