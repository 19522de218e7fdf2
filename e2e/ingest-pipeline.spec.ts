// Files embedded and indexed as they are added (issue 16, item 4): a large document generated here goes
// through reading, chunking, the keyword index, embedding and the vector index in one progress display;
// Cancel stops every stage and leaves no index half-built; a later run completes and vector search works.
import { test, expect } from './fixtures';
import { askQuestion, openApp } from './steps';

const LINES = 3000;

type Hooks = { __openbookTest: { hold?: string[]; release(point: string): void } };

/** One line per chunk (40 characters each with chunk size 40, no overlap), every one different. */
function bigDocument(): Buffer {
  const topics = ['Lava flows from the crater', 'Green tea is steeped', 'The river floods the delta'];
  const lines = Array.from({ length: LINES }, (_, i) => `${topics[i % 3]} ${String(i).padStart(5, '0')}.`.slice(0, 39).padEnd(39, ' ') + '\n');
  return Buffer.from(lines.join(''));
}

test('a large file flows through every stage in one progress display; Cancel leaves no index, a later run makes one', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await page.getByLabel('Chunk size (characters)').fill('40');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('checkbox', { name: 'Embed and index files as they are added' }).check();
  // The run waits after its first batch until released below (the app's test hook 'embed-batch'), so the
  // stages are seen mid-run however fast or slow the machine is.
  await page.evaluate(() => {
    (window as unknown as Hooks).__openbookTest.hold = ['embed-batch'];
  });

  await page.getByLabel('Choose files').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: bigDocument() });
  const display = page.getByRole('region', { name: 'Adding and indexing' });
  const stage = (name: string) => display.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: name });
  await expect(display.getByRole('status')).toContainText('Working');
  // Embedding is under way: the stages before it have handed the chunks on, the vector index waits.
  const embedded = display.getByRole('progressbar', { name: 'Embedding' });
  await expect.poll(async () => Number(await embedded.getAttribute('value')), { timeout: 90_000 }).toBeGreaterThanOrEqual(64);
  await expect(stage('Reading files')).toContainText('done');
  await expect(stage('Vector index')).toContainText('waiting');
  await expect(stage('Embedding')).toContainText('working');

  await display.getByRole('button', { name: 'Cancel adding and indexing' }).click();
  await page.evaluate(() => (window as unknown as Hooks).__openbookTest.release('embed-batch'));
  await expect(display.getByRole('status')).toContainText('Cancelled: the vector index was left as it was.');
  await expect(stage('Embedding')).toContainText('stopped');
  await expect(stage('Vector index')).toContainText('stopped');
  await expect(display.getByRole('button', { name: 'Cancel adding and indexing' })).toHaveCount(0);
  // Nothing half-built: there was no index, and there is none; the document itself was read whole.
  await expect(page.getByText('The vector index is empty.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Documents' })).toContainText('big.txt');

  // Another file: the run takes every document (the one read before the cancel too) to the end.
  await page
    .getByLabel('Choose files')
    .setInputFiles({ name: 'volcano.txt', mimeType: 'text/plain', buffer: Buffer.from('Magma rises; lava flows from the crater.\n') });
  await expect(display.getByRole('status')).toContainText(/Searchable [\d.]+ s after the files were given/, { timeout: 90_000 });
  for (const name of ['Reading files', 'Chunking', 'Keyword index', 'Embedding', 'Vector index']) await expect(stage(name)).toContainText('done');
  // Only what had no vector yet was embedded (the chunks embedded before the cancel are reused).
  await expect(stage('Embedding')).toContainText(/done · (\d+) of \1 chunks/);
  await expect(page.getByTestId('index-summary')).toContainText(`Index ready: ${LINES + 1} chunks`);

  await page.getByRole('radio', { name: /^Vector/ }).check();
  const results = await askQuestion(page, 'lava crater');
  await expect(results.getByRole('listitem').first()).toContainText(/lava/i);
});
