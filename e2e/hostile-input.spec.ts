// Hostile and heavy input never crashes the tab or loses the workspace (issue 21). Every input is
// generated here (scripts/hostile-fixtures.ts), nothing large is checked in: a DOCX zip bomb dropped with
// a companion file, a 30,000-paragraph HTML page, 1,000 small text files, and a model answer of 3,000
// nested quotes from the local OpenAI-compatible test server.
import { test as base, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, documentList, embed, filesRead, openApp, scores } from './steps';
import { makeDocxBomb, makeLongHtml, smallTextFiles } from '../scripts/hostile-fixtures';
import { startOpenAITestServer, type TestServer } from '../scripts/openaiTestServer';

const test = base.extend<{ server: TestServer }>({
  server: async ({}, use) => {
    const server = await startOpenAITestServer();
    await use(server);
    await server.close();
  },
});

const MB = 1024 * 1024;
const buffer = (name: string, data: Uint8Array | string, mimeType = 'application/octet-stream') => ({
  name,
  mimeType,
  buffer: Buffer.from(typeof data === 'string' ? new TextEncoder().encode(data) : data),
});

test('a DOCX bomb is refused with its reason; the companion file is added and what was there stays', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How is green tea steeped?');
  const before = await scores(page);
  const bomb = makeDocxBomb(200 * MB);
  expect(bomb.length).toBeLessThan(600 * 1024);
  await page.getByLabel('Choose files').setInputFiles([buffer('bomb.docx', bomb), buffer('companion.md', '# Companion\n\nThe heron waits.', 'text/markdown')]);
  await filesRead(page);
  const files = page.getByRole('list', { name: 'Files being added' });
  await expect(files.locator('li', { hasText: 'bomb.docx' })).toContainText('Failed: this DOCX unpacks to more than 100 MB');
  await expect(files.locator('li', { hasText: 'companion.md' })).toContainText('Added');
  const documents = documentList(page);
  await expect(documents).toContainText('tea.txt');
  await expect(documents).toContainText('companion.md');
  await expect(documents).not.toContainText('bomb.docx');
  // The tab is alive, and the workspace that was there answers the same question with the same scores.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await askQuestion(page, 'How is green tea steeped?');
  expect(await scores(page)).toEqual(before);
});

test('a 30,000-paragraph HTML page is read', async ({ page }) => {
  await openApp(page);
  const html = makeLongHtml(30_000);
  await page.getByLabel('Choose files').setInputFiles([buffer('long.html', html, 'text/html')]);
  await filesRead(page);
  await expect(page.getByRole('list', { name: 'Files being added' }).locator('li', { hasText: 'long.html' })).toContainText('Added');
  await expect(documentList(page)).toContainText('long.html');
});

test('1,000 small files are all added, with progress while they are read', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How is green tea steeped?');
  const before = await scores(page);
  // Every progress text shown while reading, recorded in the page.
  await page.evaluate(() => {
    const seen: string[] = [];
    const times: number[] = [];
    Object.assign(window, { __progress: seen, __progressTimes: times });
    new MutationObserver(() => {
      const text = document.querySelector('.ingest-queue [role="status"]')?.textContent ?? '';
      if (text && seen.at(-1) !== text) {
        seen.push(text);
        times.push(performance.now());
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const files = smallTextFiles(1000).map((f) => buffer(f.name, f.text, 'text/plain'));
  await page.getByLabel('Choose files').setInputFiles(files);
  await expect(page.getByRole('region', { name: 'Files', exact: true }).getByRole('status')).toHaveText('1001 of 1001 done', { timeout: 60_000 }); // tea.txt, then the 1,000
  await expect(page.getByRole('list', { name: 'Files being added' }).locator('li.ingest-added')).toHaveCount(1001);
  const { progress, times } = await page.evaluate(() => {
    const w = window as unknown as { __progress: string[]; __progressTimes: number[] };
    return { progress: w.__progress, times: w.__progressTimes };
  });
  // Reported, not asserted (no clock in assertions): from the queue's first count to the last.
  const seconds = (times.at(-1)! - times[0]!) / 1000;
  test.info().annotations.push({
    type: 'reading 1,000 files',
    description: `${seconds.toFixed(2)} s, ${Math.round(1000 / seconds)} files/s; progress: ${progress.join(' | ')}`,
  });
  console.log(`1,000 small files read in ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)} files/s); progress: ${progress.join(' | ')}`);
  // Progress moved through the batches: some count between none and all was shown.
  expect(
    progress.some((p) => /^([2-9]|[1-9]\d{1,2}) of 1001 done$/.test(p)),
    progress.join(' | '),
  ).toBe(true);
  await expect(documentList(page)).toContainText('note-00999.txt');
  // The index that was there still answers as before (the new files wait for the next embedding).
  await askQuestion(page, 'How is green tea steeped?');
  expect(await scores(page)).toEqual(before);
});

test('a model answer of 3,000 nested quotes renders, and the page stays', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  const before = await scores(page);
  await chooseEngine(page, 'OpenAI-compatible endpoint (your own server)');
  await page.getByLabel('Endpoint base URL').fill(server.baseUrl);
  await page.getByLabel('Model name').fill('deep');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Generate answer' }).click();
  await expect(page.getByTestId('generation-stats')).toBeVisible();
  const answer = page.getByTestId('answer-text');
  await expect(answer).toContainText('the bottom of the well');
  // The first levels are quotes; the rest is shown as text (awaited: the finished answer's Markdown may be
  // rendered a moment after its text arrives).
  await expect(answer.locator('blockquote').first()).toBeAttached();
  expect(await answer.locator('blockquote').count()).toBeLessThanOrEqual(16);
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  expect(errors).toEqual([]);
  await askQuestion(page, 'How hot is lava?');
  expect(await scores(page)).toEqual(before);
});
