// On open, each model says whether it can load here, and the default embedding model is one that can:
// the site serves the fixture models (models/), and the model host is refused (fixtures.ts), so the hub's
// models are "not reachable now" and the default is the site's own embedder. A model the user picks is
// kept across a reload, with its status.
import { test, expect } from './fixtures';

test('the default embedding model is one the site serves; the pickers say which models are on the site and which are not reachable', async ({
  page,
  hostProbes,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();

  // Step 3: the site's embedders are on the site; the hub's cannot be reached; the default is the site's.
  const siteEmbedder = page.getByRole('radio', { name: /^Tiny test embedder \(fixture\) openbook\/tiny-embedder On this site/ });
  await expect(siteEmbedder).toBeChecked();
  await expect(page.getByRole('radio', { name: /openbook\/tiny-embedder-1024 On this site/ })).toBeVisible();
  for (const hubModel of ['Xenova/multilingual-e5-small', 'Xenova/all-MiniLM-L6-v2', 'Xenova/bge-small-zh-v1.5', 'Xenova/bge-small-en-v1.5']) {
    await expect(page.getByRole('radio', { name: new RegExp(`${hubModel} Not reachable now`) })).toBeVisible();
  }
  // One request went to the model host, refused.
  expect(hostProbes).toEqual(['https://huggingface.co/Xenova/multilingual-e5-small/resolve/main/config.json']);

  // Reranking: the site's cross-encoder is on the site, the hub's are not reachable.
  await page.getByText('Reranking: none').click();
  await expect(page.getByRole('radio', { name: /openbook\/tiny-reranker On this site/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Xenova\/ms-marco-MiniLM-L-6-v2 Not reachable now/ })).toBeVisible();

  // Chat, transformers.js: each option says it, and so does the badge of the chosen model.
  await page.getByRole('radio', { name: 'transformers.js · WASM (CPU)', exact: true }).check();
  const chat = page.getByLabel('Chat model (transformers.js)');
  await expect(chat.locator('option[value="openbook/tiny-chat"]')).toHaveText(/· On this site$/);
  await expect(chat.locator('option[value="onnx-community/Qwen2.5-0.5B-Instruct"]')).toHaveText(/· Not reachable now$/);
  await chat.selectOption('openbook/tiny-chat');
  await expect(page.getByLabel(/Chat model \(transformers\.js\) On this site/)).toBeVisible();
});

test('a model the user picks is kept after a reload, with its status', async ({ page }) => {
  await page.goto('/');
  const hubModel = page.getByRole('radio', { name: /Xenova\/all-MiniLM-L6-v2 Not reachable now/ });
  await hubModel.check();
  await page.reload();
  await expect(page.getByRole('radio', { name: /Xenova\/all-MiniLM-L6-v2 Not reachable now/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Tiny test embedder \(fixture\)/ })).not.toBeChecked();
});

test('the statuses are in Chinese too', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('openbook.language', 'zh'));
  await page.goto('/');
  await expect(page.getByRole('radio', { name: /openbook\/tiny-embedder 本站提供/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Xenova\/all-MiniLM-L6-v2 暂时无法访问/ })).toBeVisible();
});
