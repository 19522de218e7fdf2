// Nothing the user opens, imports or leaves behind breaks the app: a step that fails shows its error
// boundary while the other steps work; a parser worker that crashes mid-file marks that file failed and
// the next file parses; a 100,000-element HTML file shows its progress and can be cancelled; a second tab
// on the same workspace is told, and the saves of the two never corrupt it. Inputs are generated here.
// The tests reach into the page through window.__openbookTest (src/state/runtime/testHooks.ts): `hold` pauses the
// parse at its first progress report, so what is shown mid-parse is checked without racing the clock.
import type { Page } from '@playwright/test';
import { test, expect, doc } from './fixtures';
import { documentList, openApp, releaseHold as release, withTestHooks } from './steps';

/** 100,000 sibling elements, about 4.5 MB. */
function hugeHtml(): Buffer {
  const rows = Array.from({ length: 100_000 }, (_, i) => `<div class="r">Row ${String(i).padStart(6, '0')} of the list</div>`);
  return Buffer.from(`<!doctype html><html><body>${rows.join('\n')}</body></html>`);
}

const filesList = (page: Page) => page.getByRole('list', { name: 'Files being added' });
const fileRow = (page: Page, name: string) => filesList(page).getByRole('listitem').filter({ hasText: name });

test('a step that fails shows what failed and its ways out; the other steps still work', async ({ page }) => {
  await withTestHooks(page, { throwIn: 'ask' });
  await openApp(page);
  const boundary = page.locator('[data-boundary="ask"]');
  await expect(boundary).toContainText('This step stopped working');
  await expect(boundary).toContainText('A failure in the "ask" step, made by a test');
  for (const name of ['Try again', 'Reset settings', 'Clear workspace', 'Export what can be read'])
    await expect(boundary.getByRole('button', { name })).toBeVisible();

  // The documents step works beside it.
  await page.getByLabel('Choose files').setInputFiles(doc('tea.txt'));
  await expect(documentList(page)).toContainText('tea.txt');

  // With no index to export, the documents' texts are saved.
  const download = page.waitForEvent('download');
  await boundary.getByRole('button', { name: 'Export what can be read' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^openbook-documents-\d{4}-\d\d-\d\d\.json$/);
  await expect(boundary.getByRole('status')).toContainText('the documents’ texts were saved as JSON');
  const saved = JSON.parse(await (await file.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'))) as {
    documents: { name: string; text: string }[];
  };
  expect(saved.documents.map((d) => d.name)).toEqual(['tea.txt']);

  // Reset settings: a changed setting is back to its default after the page reloads.
  const chunkSize = page.getByLabel('Chunk size (characters)');
  const defaultSize = await chunkSize.inputValue();
  await chunkSize.fill('200');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('openbook.chunking') ?? '')).toContain('"chunkSize":200');
  await boundary.getByRole('button', { name: 'Reset settings' }).click();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(chunkSize).toHaveValue(defaultSize);
  await expect(boundary).toContainText('This step stopped working');

  // Clear workspace: asked first, as in the Workspace area.
  await expect(documentList(page)).toContainText('tea.txt');
  await boundary.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Clear everything' }).click();
  await expect(boundary.getByRole('status')).toContainText('The workspace was cleared.');
  await expect(documentList(page).getByText('tea.txt')).toHaveCount(0);

  // Once the cause is gone, "Try again" brings the step back.
  await page.evaluate(() => delete (window as unknown as { __openbookTest: { throwIn?: string } }).__openbookTest.throwIn);
  await boundary.getByRole('button', { name: 'Try again' }).click();
  await expect(boundary).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Question', exact: true })).toBeVisible();
});

test('a parser worker that crashes mid-file marks that file failed with the reason, and the next file parses', async ({ page }) => {
  await withTestHooks(page, { hold: ['parse-progress'] });
  await openApp(page);
  await page.getByLabel('Choose files').setInputFiles({ name: 'huge.html', mimeType: 'text/html', buffer: hugeHtml() });
  await expect(fileRow(page, 'huge.html')).toContainText('% read');
  expect(
    await page.evaluate(() => (window as unknown as { __openbookTest: { crashWorker(w: string): Promise<boolean> } }).__openbookTest.crashWorker('parser')),
  ).toBe(true);
  await expect(fileRow(page, 'huge.html')).toContainText('Failed');
  await expect(fileRow(page, 'huge.html')).toContainText('the parser stopped');
  await expect(fileRow(page, 'huge.html')).toContainText('crashed on purpose');
  await expect(page.locator('.worker-notice')).toContainText('The file reader stopped');

  await release(page, 'parse-progress');
  await page.getByLabel('Choose files').setInputFiles(doc('tea.txt'));
  await expect(fileRow(page, 'tea.txt')).toContainText('Added');
  await expect(documentList(page)).toContainText('tea.txt');
  await expect(documentList(page).getByText('huge.html')).toHaveCount(0);
});

test('a 100,000-element HTML file shows its progress and can be cancelled; without a hold it is read to the end', async ({ page }) => {
  await withTestHooks(page, { hold: ['parse-progress'] });
  await openApp(page);
  const html = hugeHtml();
  await page.getByLabel('Choose files').setInputFiles({ name: 'huge.html', mimeType: 'text/html', buffer: html });
  const row = fileRow(page, 'huge.html');
  await expect(row).toContainText('Reading…');
  await expect(row).toContainText('% read');
  await expect(row.getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel adding files' }).click();
  await expect(row).toContainText('Cancelled');
  await expect(documentList(page).getByText('huge.html')).toHaveCount(0);

  // Read again, not held: it ends as a document with every row.
  await release(page, 'parse-progress');
  await page.getByRole('button', { name: 'Clear list' }).click();
  await page.getByLabel('Choose files').setInputFiles({ name: 'huge.html', mimeType: 'text/html', buffer: html });
  await expect(fileRow(page, 'huge.html')).toContainText('Added', { timeout: 60_000 });
  await expect(documentList(page)).toContainText('huge.html');
});

test('a second tab on the same workspace is told; "Use here" moves the saving; a reload shows one consistent workspace', async ({ context }) => {
  const first = await context.newPage();
  await openApp(first);
  await first.getByLabel('Choose files').setInputFiles(doc('tea.txt'));
  await expect(documentList(first)).toContainText('tea.txt');

  const second = await context.newPage();
  await second.goto('/');
  const notice = second.locator('.tab-notice');
  await expect(notice).toContainText('Openbook is open in another tab');
  await expect(first.locator('.tab-notice')).toHaveCount(0);
  await expect(documentList(second)).toContainText('tea.txt');

  // A document added in the read-only tab is not saved; one added in the first tab is.
  await second
    .getByLabel('Choose files')
    .setInputFiles({ name: 'only-here.txt', mimeType: 'text/plain', buffer: Buffer.from('Written in the read-only tab.') });
  await expect(documentList(second)).toContainText('only-here.txt');
  await first.getByLabel('Choose files').setInputFiles({ name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from('Written in the first tab.') });
  await expect(documentList(first)).toContainText('first.txt');

  // "Use here": the second tab reloads with the saved workspace and saves from now on; the first is read-only.
  await notice.getByRole('button', { name: 'Use here' }).click();
  await expect(first.locator('.tab-notice')).toContainText('Read-only');
  await expect(second.locator('.tab-notice')).toHaveCount(0);
  await expect(documentList(second)).toContainText('first.txt');
  await expect(documentList(second)).not.toContainText('only-here.txt');
  await second.getByLabel('Choose files').setInputFiles({ name: 'second.txt', mimeType: 'text/plain', buffer: Buffer.from('Written in the second tab.') });
  await expect(documentList(second)).toContainText('second.txt');
  // The read-only first tab's additions are not saved.
  await first.getByLabel('Choose files').setInputFiles({ name: 'lost.txt', mimeType: 'text/plain', buffer: Buffer.from('Written after the take-over.') });
  await expect(documentList(first)).toContainText('lost.txt');

  await first.close();
  await second.reload();
  await expect(second.getByText('Restoring your saved workspace…')).toHaveCount(0);
  const items = documentList(second).getByRole('listitem');
  await expect(items).toHaveCount(3);
  for (const name of ['tea.txt', 'first.txt', 'second.txt']) await expect(documentList(second)).toContainText(name);
  await expect(second.locator('.tab-notice')).toHaveCount(0);
});
