// "Automatic", measured, for the transformers.js chat engine and for the evaluation's own embedder (issue 16,
// item 3). On the webgpu project's SwiftShader (a software adapter) the chat model is timed on WebGPU and on
// WASM, both figures are shown in tokens/s, WASM is chosen and the note says why; the figures are remembered
// per model and browser, and "Measure again" measures again. Without WebGPU, Automatic runs on WASM and says
// there is nothing to measure.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, loadFixtureChatModel, openApp } from './steps';
import { FIXTURE_CHAT_ANSWER } from '../scripts/make-fixture-chat-model';

const CHAT_KEY = 'openbook:device-trial:openbook/tiny-chat';
const stored = (page: Page, key: string) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key);

test('the Automatic chat engine times the model on WebGPU and on WASM, and answers on WASM on a software adapter @webgpu', async ({ page }) => {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · Automatic (measured)');
  await loadFixtureChatModel(page);
  const trial = page.getByTestId('chat-device-trial');
  await expect(trial).toContainText(/^Measured here: WebGPU [\d.,]+ tokens\/s, WASM [\d.,]+ tokens\/s\. Automatic uses WASM\./);
  // SwiftShader is a software renderer: measured and shown, never chosen over WASM.
  await expect(trial).toContainText('WebGPU here is a software renderer, never chosen over WASM.');
  await expect(page.getByTestId('chat-device-trial-measuring')).toHaveCount(0);
  await expect(page.getByTestId('chat-in-use')).toHaveText('Loaded on transformers.js · WASM (CPU)');
  const first = await stored(page, CHAT_KEY);
  expect(first.trials.map((t: { device: string }) => t.device)).toEqual(['webgpu', 'wasm']);
  expect(first.trials.every((t: { textsPerSecond: number }) => t.textsPerSecond > 0)).toBe(true);

  // The model the measurement left loaded answers.
  await addFiles(page, 'volcanoes.md');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER, { timeout: 60_000 });
});

test('the Automatic chat engine uses the remembered figures after a reload, in both languages, and Measure again measures at once @webgpu', async ({
  page,
}) => {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · Automatic (measured)');
  await loadFixtureChatModel(page);
  const trial = page.getByTestId('chat-device-trial');
  await expect(trial).toContainText(/^Measured here: WebGPU [\d.,]+ tokens\/s, WASM [\d.,]+ tokens\/s\. Automatic uses WASM\./);
  const first = await stored(page, CHAT_KEY);

  // Once per model and browser: after a reload the remembered figures are used, not measured again (set here
  // to figures no measurement would give, so that the page can only be showing what it remembered).
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
    [CHAT_KEY, first] as const,
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  // The engine choice is kept across the reload.
  await expect(page.getByRole('radio', { name: 'transformers.js · Automatic (measured)' })).toBeChecked();
  await loadFixtureChatModel(page);
  await expect(trial).toContainText('Measured here: WebGPU 12.5 tokens/s, WASM 345 tokens/s. Automatic uses WASM.');
  await expect(page.getByTestId('chat-in-use')).toHaveText('Loaded on transformers.js · WASM (CPU)');

  // In Chinese.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(trial).toContainText('本机实测：WebGPU 每秒 12.5 个词元，WASM 每秒 345 个词元。自动选择 WASM。');
  await page.getByRole('combobox', { name: '语言', exact: true }).selectOption('en');

  // "Measure again" forgets the remembered figures and, the model being loaded, measures at once.
  await trial.getByRole('button', { name: 'Measure again' }).click();
  await expect(page.getByRole('button', { name: 'Loaded' })).toBeVisible({ timeout: 90_000 });
  await expect(trial).toContainText(/^Measured here: WebGPU [\d.,]+ tokens\/s, WASM [\d.,]+ tokens\/s\. Automatic uses WASM\./);
  await expect(trial).not.toContainText('12.5 tokens/s');
  const again = await stored(page, CHAT_KEY);
  expect(again.measuredAt).toBeGreaterThan(first.measuredAt);
  expect(again.trials.every((t: { textsPerSecond: number }) => t.textsPerSecond > 0)).toBe(true);
});

test('an evaluation that embeds in its own index uses the measured Automatic choice, timing a model the app has not measured yet @webgpu', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page, 'Automatic');
  const wideKey = 'openbook:device-trial:openbook/tiny-embedder-1024';
  expect(await stored(page, wideKey)).toBeNull();

  const step = page.getByRole('region', { name: 'Evaluate retrieval' });
  await step.getByLabel('Import questions (JSONL or CSV)').setInputFiles({
    name: 'q.jsonl',
    mimeType: 'text/plain',
    buffer: Buffer.from(JSON.stringify({ question: 'How hot is lava?', expected_document: 'volcanoes.md' })),
  });
  await step.getByRole('button', { name: 'Add configuration' }).click();
  await step
    .getByRole('listitem', { name: 'Configuration 2' })
    .getByLabel('Embedding model')
    .selectOption({ label: 'Tiny wide test embedder, 1024 dimensions (fixture)' });
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row')).toHaveCount(3, { timeout: 90_000 });
  await expect(step.getByRole('button', { name: 'Run evaluation' })).toBeEnabled();
  // The evaluation's embedder timed the wide model on both devices (the same lifecycle and memory as step 3's).
  const wide = await stored(page, wideKey);
  expect(wide.trials.map((t: { device: string }) => t.device)).toEqual(['webgpu', 'wasm']);
  expect(wide.trials.every((t: { textsPerSecond: number }) => t.textsPerSecond > 0)).toBe(true);
});

test('without WebGPU, the Automatic chat engine runs on WASM and says there is nothing to measure', async ({ page }) => {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · Automatic (measured)');
  const trial = page.getByTestId('chat-device-trial');
  await expect(trial).toHaveText('No WebGPU adapter here: Automatic runs on WASM (CPU), the only device, so there is nothing to measure.');
  await loadFixtureChatModel(page);
  await expect(page.getByTestId('chat-in-use')).toHaveText('Loaded on transformers.js · WASM (CPU)');
  expect(await stored(page, CHAT_KEY)).toBeNull();
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(trial).toHaveText('这里没有 WebGPU 适配器：“自动”在 WASM（CPU）上运行，这是唯一可用的设备，因此无需测量。');
});
