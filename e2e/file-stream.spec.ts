// Streaming within one file (issue 16, item 4): with "Embed and index files as they are added", a PDF is
// chunked page by page in the parser worker while it is read, and its first chunks are embedded before its
// last page is read; the progress display says which page has been read. The reading is held after each
// page by the app's test hook 'parse-stream' and let go one page at a time, so nothing depends on timing.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { askQuestion, openApp } from './steps';

type Hooks = { __openbookTest: { hold?: string[]; release(point: string): void } };

/** 400 pages of 40 lines (scripts/make-fixture-documents.ts). */
const LONG_PDF = path.join(import.meta.dirname, '.generated', 'documents', 'long.pdf');

/** Embed as files are added (on WASM), and add long.pdf with its reading held after page 1 ('parse-stream'). */
async function addLongPdfHeld(page: Page) {
  await openApp(page);
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('checkbox', { name: 'Embed and index files as they are added' }).check();
  await page.evaluate(() => {
    (window as unknown as Hooks).__openbookTest.hold = ['parse-stream'];
  });
  await page.getByLabel('Choose files').setInputFiles(LONG_PDF);
}

test('a PDF is embedded page by page while it is read: the first chunks have vectors before the last page is read', async ({ page }) => {
  test.setTimeout(240_000);
  await addLongPdfHeld(page);

  const display = page.getByRole('region', { name: 'Adding and indexing' });
  const stage = (name: string) => display.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: name });
  const embedded = display.getByRole('progressbar', { name: 'Embedding' });
  // The reading waits after page 1 (the model loads meanwhile): its chunks are there before any other page is read.
  await expect(stage('Reading files')).toContainText('long.pdf: page 1 of 400 read');
  await expect(stage('Embedding')).toContainText('working', { timeout: 60_000 });
  await expect(stage('Chunking')).toContainText(/[1-9]\d* chunks from the file being read/);

  // One page more at a time (the hold is set again before the reading can reach the next page), until the
  // pages read have made a batch of chunks (64); then the reading stays held while that batch is embedded.
  const chunksSoFar = async () => Number(/(\d+) chunks from the file being read/.exec((await stage('Chunking').textContent()) ?? '')?.[1] ?? 0);
  let pagesRead = 1;
  while ((await chunksSoFar()) < 64) {
    await page.evaluate(() => {
      const hooks = (window as unknown as Hooks).__openbookTest;
      hooks.release('parse-stream');
      hooks.hold = ['parse-stream'];
    });
    pagesRead++;
    await expect(stage('Reading files')).toContainText(`long.pdf: page ${pagesRead} of 400 read`);
    await expect.poll(chunksSoFar).toBeGreaterThanOrEqual(pagesRead * 5); // this page's chunks have been handed on
    expect(pagesRead).toBeLessThan(40);
  }
  await expect.poll(async () => Number((await embedded.getAttribute('value')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
  // Chunks of the first pages have vectors; most of the file is still unread.
  await expect(stage('Reading files')).toContainText(`long.pdf: page ${pagesRead} of 400 read`);
  await expect(stage('Reading files')).toContainText('0 of 1 files');
  await expect(stage('Embedding')).toContainText(/[1-9]\d* of \d+ chunks so far/);
  await expect(page.getByRole('list', { name: 'Documents' }).getByText('long.pdf')).toHaveCount(0);
  // The keyword index has grown with the pages read (in the keyword worker), the document still not there.
  const keywordCount = async () => Number(/(\d+) chunks searchable by keyword/.exec((await stage('Keyword index').textContent()) ?? '')?.[1] ?? 0);
  await expect.poll(keywordCount).toBeGreaterThan(0);
  const keywordsEarly = await keywordCount();
  expect(keywordsEarly).toBeLessThanOrEqual(await chunksSoFar());
  await expect(stage('Reading files')).toContainText(`long.pdf: page ${pagesRead} of 400 read`);

  // The rest is read without holding; the document's chunks are those of the stream: nothing is embedded twice.
  await page.evaluate(() => (window as unknown as Hooks).__openbookTest.release('parse-stream'));
  await expect(display.getByRole('status')).toContainText(/Searchable [\d.]+ s after the files were given/, { timeout: 180_000 });
  for (const name of ['Reading files', 'Chunking', 'Keyword index', 'Embedding', 'Vector index']) await expect(stage(name)).toContainText('done');
  const summary = page.getByTestId('index-summary');
  await expect(summary).toContainText(/Index ready: \d+ chunks/);
  const chunks = Number(/Index ready: (\d+) chunks/.exec((await summary.textContent()) ?? '')?.[1]);
  await expect(stage('Chunking')).toContainText(`1 of 1 documents · ${chunks} chunks`);
  await expect(stage('Embedding')).toContainText(`${chunks} of ${chunks} chunks`);
  await expect(stage('Keyword index')).toContainText(`${chunks} chunks searchable by keyword`);
  expect(chunks).toBeGreaterThan(keywordsEarly);
  // The document found its chunks in the keyword index: it was never built (nor rebuilt) for them.
  expect(await page.evaluate(() => performance.getEntriesByName('openbook:keyword-build').length)).toBe(0);

  // A keyword search finds the last page (read after the holds were let go).
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  const found = await askQuestion(page, 'Page 400 line 40');
  await expect(found.getByRole('listitem').first()).toContainText('Page 400, line 40');

  await page.getByRole('radio', { name: /^Vector/ }).check();
  const results = await askQuestion(page, 'Page 250 retrieval');
  await expect(results.getByRole('listitem').first()).toContainText('Page');
});

test('the page read is shown in Chinese too', async ({ page }) => {
  await addLongPdfHeld(page);
  await expect(page.getByRole('region', { name: 'Adding and indexing' })).toContainText('long.pdf: page 1 of 400 read');
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(page.getByText(/long\.pdf：已读取第 1 页，共 400 页/)).toBeVisible();
  await expect(page.getByText(/正在读取的文件已分出 [1-9]\d* 个分块/)).toBeVisible({ timeout: 60_000 });
  await page.evaluate(() => (window as unknown as Hooks).__openbookTest.release('parse-stream'));
});
