// Stage 1 of the exact vector scan on two threads (issue 16, item 9): in the cross-origin isolated app, an
// index of 10k chunks or more makes the vector index worker start its helper (scanHelper.worker.ts, a nested
// worker on a shared wasm memory), with no CSP violation (the fixture fails the test on one), and vector
// search answers through it.
import { test, expect } from './fixtures';
import { askQuestion, openApp } from './steps';

const LINES = 10_500;

/** One line per chunk (40 characters each with chunk size 40, no overlap), every one different. */
function bigDocument(): Buffer {
  const topics = ['Lava flows from the crater', 'Green tea is steeped', 'The river floods the delta'];
  const lines = Array.from({ length: LINES }, (_, i) => `${topics[i % 3]} ${String(i).padStart(5, '0')}.`.slice(0, 39).padEnd(39, ' ') + '\n');
  return Buffer.from(lines.join(''));
}

test('an index of 10k chunks starts the scan helper worker, and vector search answers with it running', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const helpers = () => page.workers().filter((w) => w.url().includes('scanHelper')).length;
  await page.getByLabel('Chunk size (characters)').fill('40');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('checkbox', { name: 'Embed and index files as they are added' }).check();
  // A small index first: no helper.
  await page
    .getByLabel('Choose files')
    .setInputFiles({ name: 'volcano.txt', mimeType: 'text/plain', buffer: Buffer.from('Magma rises; lava flows from the crater.\n') });
  await expect(page.getByTestId('index-summary')).toContainText('Index ready: 1 chunk', { timeout: 90_000 });
  expect(helpers()).toBe(0);

  await page.getByLabel('Choose files').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: bigDocument() });
  await expect(page.getByTestId('index-summary')).toContainText(`Index ready: ${LINES + 1} chunks`, { timeout: 360_000 });
  await expect.poll(helpers).toBe(1);

  await page.getByRole('radio', { name: /^Vector/ }).check();
  const results = await askQuestion(page, 'lava crater');
  await expect(results.getByRole('listitem').first()).toContainText(/lava/i);
});
