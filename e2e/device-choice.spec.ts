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

test('without WebGPU, the app says WASM (CPU) will be used, and no software-renderer advice', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Embed and index' })).toContainText(/WASM \(CPU\) will be used/);
  await expect(page.getByText(/software renderer/)).toHaveCount(0);
});
