// Generation with WebLLM: the real failure paths, since no model host is reachable here.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, openApp } from './steps';

test('without a usable GPU, picking a WebLLM model explains why it cannot load; retrieval still works', async ({ page }) => {
  await openApp(page);
  // Without WebGPU the default engine is transformers.js on WASM; WebLLM is still there to pick.
  await chooseEngine(page, 'WebLLM · WebGPU');
  await page.getByLabel('Chat model (WebLLM)').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Load model' }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'The model could not be loaded' });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(/WebGPU/);

  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('filled-prompt')).toContainText('How hot is lava?');
  await expect(page.getByTestId('no-answer-reason')).toBeVisible();
});

test('an f16 model without shader-f16 is explained before any download; the q4f32 variant fails cleanly on an unreachable host @webgpu', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText(/GPU adapter: .* shader-f16: no/)).toBeVisible();
  // SwiftShader is a software adapter, so the default is transformers.js on WASM; WebLLM is one click away.
  await chooseEngine(page, 'WebLLM · WebGPU');
  const picker = page.getByLabel('Chat model (WebLLM)');
  const f16Option = picker.locator('option', { hasText: 'needs shader-f16' }).first();
  await picker.selectOption((await f16Option.getAttribute('value'))!);
  const f16 = page.getByRole('alert').filter({ hasText: 'shader-f16' });
  await expect(f16).toContainText('Nothing was downloaded');
  await f16.getByRole('button', { name: /Use .* instead/ }).click();

  // Point downloads at a localhost port where nothing listens: the real "host unreachable" path.
  await page.getByText('Model download source').click();
  await page.getByLabel('Download models from').selectOption('custom');
  await page.getByLabel('Host URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Load model' }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'The model could not be loaded' });
  await expect(failure).toContainText('could not be downloaded', { timeout: 60_000 });
  await expect(failure.getByRole('button', { name: 'Copy the filled prompt into any chat (step 5)' })).toBeVisible();
  await failure.getByRole('button', { name: 'Use a local OpenAI-compatible server' }).click();
  await expect(page.getByRole('radio', { name: 'OpenAI-compatible endpoint (your own server)', exact: true })).toBeChecked();
});
