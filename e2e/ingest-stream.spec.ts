// Everything added goes through the ingestion pipeline when "Embed and index files as they are added" is
// on (issue 16, item 4): pasted text and the sample corpus as files do, with one progress display (step 3
// points to it instead of showing a second bar); with the built-in embedder the page says why embedding
// waits for the last chunk.
import { test, expect } from './fixtures';
import { askQuestion, openApp } from './steps';

type Hooks = { __openbookTest: { hold?: string[]; release(point: string): void } };

/** Sentences enough for a few hundred chunks at chunk size 40. */
const PASTED = Array.from({ length: 300 }, (_, i) => `Lava flows from crater ${i}; green tea steeps ${i}.`).join('\n');

test('pasted text goes through the pipeline: one progress display, step 3 points to it, then searchable', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Chunk size (characters)').fill('40');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('checkbox', { name: 'Embed and index files as they are added' }).check();
  // The run waits after its first batch until released below (the app's test hook 'embed-batch').
  await page.evaluate(() => {
    (window as unknown as Hooks).__openbookTest.hold = ['embed-batch'];
  });

  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('pasted notes');
  await page.getByRole('textbox', { name: 'Text', exact: true }).fill(PASTED);
  await page.getByRole('button', { name: 'Add document' }).click();

  const display = page.getByRole('region', { name: 'Adding and indexing' });
  const stage = (name: string) => display.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: name });
  await expect(display.getByRole('status')).toContainText('Working');
  await expect(stage('Embedding')).toContainText('working');
  await expect(stage('Reading files')).toContainText('done · 1 of 1 files');
  // Step 3 shows no progress bar of its own: it points to step 1's display.
  await expect(page.getByText('Embedding as files are added: the progress of every stage is shown in step 1 (Adding and indexing).')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Chunks embedded' })).toHaveCount(0);
  await expect(page.getByRole('progressbar', { name: 'Building the vector index…' })).toHaveCount(0);

  await page.evaluate(() => (window as unknown as Hooks).__openbookTest.release('embed-batch'));
  await expect(display.getByRole('status')).toContainText(/Searchable [\d.]+ s after the files were given/, { timeout: 90_000 });
  for (const name of ['Reading files', 'Chunking', 'Keyword index', 'Embedding', 'Vector index']) await expect(stage(name)).toContainText('done');
  await expect(page.getByTestId('index-summary')).toContainText(/Index ready: \d+ chunks/);
  await expect(page.getByText('Embedding as files are added')).toHaveCount(0);

  await page.getByRole('radio', { name: /^Vector/ }).check();
  const results = await askQuestion(page, 'lava crater');
  await expect(results.getByRole('listitem').first()).toContainText(/lava/i);
});

test('the sample corpus goes through the pipeline with the built-in embedder, which says why it waits for the last chunk', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  const toggle = page.getByRole('checkbox', { name: 'Embed and index files as they are added' });
  const why = page.getByText(/embedding starts when the last chunk is there, because the built-in embedder learns from every chunk at once/);
  await expect(why).toHaveCount(0);
  await toggle.check();
  // Said only for the built-in embedder (the default with no network), not for a model from step 3.
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
  await expect(why).toHaveCount(0);
  await page.getByRole('radio', { name: /LSA: the built-in embedder/ }).check();
  await expect(why).toBeVisible();

  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  const display = page.getByRole('region', { name: 'Adding and indexing' });
  await expect(display.getByRole('status')).toContainText(/Searchable [\d.]+ s after the files were given/, { timeout: 90_000 });
  await expect(page.getByTestId('index-summary')).toContainText(/Index ready: \d+ chunks/);

  // The same in Chinese.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(page.getByText(/嵌入要等最后一个分块出来才开始/)).toBeVisible();
});
