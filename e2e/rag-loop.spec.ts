// The whole RAG loop, driven as a person would: documents in, chunks, embedding, retrieval, prompt.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp, resultList, scores } from './steps';

async function wholeLoop(page: import('@playwright/test').Page, device: 'WASM' | 'WebGPU') {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');

  const list = documentList(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: 'volcanoes.md' })).toContainText(/\d+ chunks?/);

  // The first document's chunks are shown coloured over its text at first; as a list, in order with their offsets.
  await expect(page.getByRole('region', { name: 'Chunks of volcanoes.md, coloured over the text' })).toBeVisible();
  await page.getByRole('button', { name: 'Chunks', exact: true }).click();
  const chunks = page.getByRole('list', { name: 'Chunks of volcanoes.md' });
  await expect(chunks.getByRole('listitem').first()).toContainText('Chunk 1 · characters 0–');

  await embed(page, device);
  await expect(page.getByTestId('device-in-use')).toHaveText(`In use: ${device}`);
  await expect(page.getByTestId('embedding-speed')).toContainText(new RegExp(`Embedded \\d+ chunks in .* chunks/s on ${device}`));

  const table = await askQuestion(page, 'How hot is lava when a volcano erupts?');
  const rows = table.getByRole('listitem');
  await expect(rows.nth(0)).toContainText('volcanoes.md');
  const s = await scores(page);
  expect(s.length).toBeGreaterThan(1);
  for (const v of s) expect(v).toBeGreaterThanOrEqual(-1), expect(v).toBeLessThanOrEqual(1);
  expect([...s].sort((a, b) => b - a)).toEqual(s);
  expect(s[0]!).toBeGreaterThan(s[s.length - 1]!);

  // The filled prompt holds the question and the top chunk, marked as inserted.
  const topChunkText = (await rows.nth(0).locator('.result-text').textContent())!;
  const prompt = page.getByTestId('filled-prompt');
  await expect(prompt).toContainText('How hot is lava when a volcano erupts?');
  await expect(prompt.locator('mark.inserted-chunk').first()).toContainText(topChunkText.slice(0, 60));

  // Clicking a result shows it in its document: the full text, with the chunk marked in place.
  await rows.nth(0).getByRole('button').click();
  const text = page.getByLabel('Text of volcanoes.md');
  await expect(text.locator('mark')).toHaveText(topChunkText);
  await expect(text.locator('mark')).toBeInViewport();
  // And the chunk list shows it highlighted among its neighbours.
  await page.getByRole('button', { name: 'Chunks', exact: true }).click();
  await expect(page.locator('.chunk.focused')).toContainText(topChunkText.slice(0, 60));
}

test('documents in, chunks, embed on WASM, ask, see scores and the filled prompt', async ({ page }) => {
  await wholeLoop(page, 'WASM');
});

test('the same loop embeds on WebGPU (SwiftShader) @webgpu', async ({ page }) => {
  await wholeLoop(page, 'WebGPU');
});

test('Chinese text is chunked, embedded and retrieved', async ({ page }) => {
  await openApp(page);
  await addFiles(page, '火山.txt', 'tea.txt');
  await embed(page);
  const table = await askQuestion(page, '熔岩的温度有多高？');
  await expect(table.getByRole('listitem').nth(0)).toContainText('火山.txt');
});

test('a document that repeats one paragraph many times is indexed and searched without a crash', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Chunk size (characters)').fill('200');
  await addFiles(page, 'repeated.md', 'tea.txt');
  await embed(page);
  await page.getByLabel('Top k').fill('5');
  await askQuestion(page, 'Repeated paragraph');
  const s = await scores(page);
  expect(s).toHaveLength(5);
});

test('a model download can be cancelled, and a later run loads the model afresh', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  // Hold the model's weights, as a slow network would, until Cancel has been pressed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  await page.route('**/models/openbook/tiny-embedder/onnx/model.onnx', async (route) => {
    // transformers.js first asks each file's size (a request whose body it does not read): let that
    // through, and hold the download itself.
    if (requests++ > 0) await held;
    await route.continue().catch(() => undefined); // the cancelled worker is gone; its request with it
  });
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('button', { name: 'Embed and index' }).click();
  // Each file of the model has its own progress, in bytes; the held weights are still on their way.
  await expect(page.getByRole('progressbar', { name: 'Downloading tokenizer.json' })).toBeVisible();
  await expect(page.getByText(/KB, done/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByText('Embedding was cancelled')).toBeVisible();
  await expect(page.getByText('The vector index is empty.')).toBeVisible();
  release();
  await page.unroute('**/models/openbook/tiny-embedder/onnx/model.onnx');
  await embed(page);
});

test('embedding can be cancelled, and the index stays as it was', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  await embed(page);
  await expect(page.getByTestId('index-summary')).toContainText(/Index ready: \d+ chunks/);
  const before = await page.getByTestId('index-summary').textContent();

  // Enough text that embedding it takes far longer than pressing Cancel.
  const words = ['lava', 'tea', 'magma', 'leaves', 'crater', 'kettle', 'ash', 'oolong', '火山', '茶叶'];
  const text = Array.from({ length: 60_000 }, (_, i) => `${words[i % words.length]} ${i}.`).join(' ');
  await page.getByLabel('Chunk size (characters)').fill('40');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByLabel('Choose files').setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Embed and index' }).click();
  await expect(page.getByRole('progressbar', { name: 'Chunks embedded' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByText('Embedding was cancelled')).toBeVisible();
  // The index still holds what it held before, and still answers.
  await expect(page.getByTestId('index-summary')).toHaveText(before!);
  await askQuestion(page, 'green tea leaves');
});

test('vectors over 768 dimensions are searched by an exact scan, also when Voy is chosen, and the app says why', async ({ page }) => {
  await openApp(page);
  await page.getByRole('radio', { name: /Tiny wide test embedder/ }).check();
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await expect(page.getByTestId('index-summary')).toContainText('1024-dimensional');
  // The exact scan is the default; Voy (loaded when chosen) cannot take these vectors.
  await page.getByRole('radio', { name: /^Voy/ }).check();
  await askQuestion(page, 'How hot is lava when a volcano erupts?');
  await expect(page.getByText('more than 768 dimensions, which Voy would silently cut').first()).toBeVisible();
  await expect(page.getByTestId('retrieval-timing')).toContainText('by exact scan');
  await expect(resultList(page).getByRole('listitem').nth(0)).toContainText('volcanoes.md');
});
