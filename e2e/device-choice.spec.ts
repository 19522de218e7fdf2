// "Automatic" never picks a software WebGPU adapter: on the webgpu project's SwiftShader (a GPU emulated
// on the CPU), the embedder runs on WASM when left on Automatic, and the app says why; WebGPU chosen
// explicitly still runs there (rag-loop.spec.ts, rerank.spec.ts, answer.spec.ts).
import { test, expect } from './fixtures';
import { addFiles, askQuestion, embed, openApp } from './steps';

test('on a software WebGPU adapter, Automatic embeds on WASM and says why @webgpu', async ({ page }) => {
  await openApp(page);
  const embedding = page.getByRole('region', { name: 'Embed and index' });
  await expect(embedding).toContainText('WebGPU here is a software renderer (google / swiftshader); WASM is faster, so Automatic runs on WASM.');
  // Chat: the default engine is transformers.js on WASM too, and the note beside it says why.
  await expect(page.getByTestId('engine-reason')).toContainText(
    'WebGPU here is a software renderer (google / swiftshader), slower than the CPU, so the default is transformers.js on WASM (the CPU)',
  );
  await expect(page.getByRole('radio', { name: 'transformers.js · WASM (CPU)' })).toBeChecked();

  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page, 'Automatic');
  await expect(page.getByTestId('device-in-use')).toHaveText('In use: WASM');
  await expect(page.getByTestId('embedding-speed')).toContainText(/chunks\/s on WASM/);
  const results = await askQuestion(page, 'How hot is lava when a volcano erupts?');
  await expect(results.getByRole('listitem').first()).toContainText('volcanoes.md');
});

test('Automatic times the model on WebGPU and on WASM, shows both figures and the choice, and remembers them @webgpu', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page, 'Automatic');
  const trial = page.getByTestId('device-trial');
  await expect(trial).toContainText(/^Measured here: WebGPU [\d.,]+ chunks\/s, WASM [\d.,]+ chunks\/s\. Automatic uses WASM\./);
  // SwiftShader is a software renderer: measured and shown, never chosen over WASM.
  await expect(trial).toContainText('WebGPU here is a software renderer, never chosen over WASM.');
  await expect(page.getByTestId('device-in-use')).toHaveText('In use: WASM');
  const key = 'openbook:device-trial:openbook/tiny-embedder';
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key);
  expect(stored.trials.map((t: { device: string; textsPerSecond: number }) => t.device)).toEqual(['webgpu', 'wasm']);
  expect(stored.trials.every((t: { textsPerSecond: number }) => t.textsPerSecond > 0)).toBe(true);

  // Once per model and browser: after a reload the remembered figures are used, not measured again (here
  // set to figures no measurement would give, so that the page can only be showing what it remembered).
  await page.evaluate(
    ([k, s]) =>
      localStorage.setItem(
        k,
        JSON.stringify({
          ...s,
          trials: [
            { device: 'webgpu', textsPerSecond: 12.5 },
            { device: 'wasm', textsPerSecond: 345 },
          ],
        }),
      ),
    [key, stored] as const,
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
  await page.getByLabel('Run on').selectOption({ label: 'Automatic' });
  await page.getByRole('button', { name: 'Embed and index' }).click();
  await expect(trial).toContainText('Measured here: WebGPU 12.5 chunks/s, WASM 345 chunks/s. Automatic uses WASM.');
  await expect(page.getByTestId('device-trial-measuring')).toHaveCount(0);

  // In Chinese.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(trial).toContainText('本机实测：WebGPU 每秒 12.5 个分块，WASM 每秒 345 个分块。自动选择 WASM。');

  // "Measure again" forgets the figures.
  await trial.getByRole('button', { name: '重新测量' }).click();
  await expect(trial).toHaveCount(0);
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
});

test('Automatic measures the reranker on both devices too, shows pairs/s, and reranks on WASM on a software adapter @webgpu', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  await page.getByText('Reranking: none').click();
  await page.getByRole('radio', { name: /Tiny test reranker/ }).check();
  await page.getByLabel('Run the reranker on').selectOption({ label: 'Automatic' });
  const results = await askQuestion(page, 'How hot is lava when a volcano erupts?');
  await expect(results.getByRole('listitem').first()).toBeVisible();
  const trial = page.getByTestId('rerank-device-trial');
  await expect(trial).toContainText(/^Measured here: WebGPU [\d.,]+ pairs\/s, WASM [\d.,]+ pairs\/s\. Automatic uses WASM\./);
  await expect(trial).toContainText('WebGPU here is a software renderer, never chosen over WASM.');
  await expect(page.getByTestId('rerank-speed')).toContainText(/on WASM\.$/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('openbook:device-trial:openbook/tiny-reranker') ?? 'null'));
  expect(stored.trials.map((t: { device: string }) => t.device)).toEqual(['webgpu', 'wasm']);
});

test('without WebGPU, the app says WASM (CPU) will be used, and no software-renderer advice', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Embed and index' })).toContainText(/WASM \(CPU\) will be used/);
  await expect(page.getByText(/software renderer/)).toHaveCount(0);
});
