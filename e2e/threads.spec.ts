// The page is cross-origin isolated (COOP/COEP from the server), so ONNX Runtime's WASM runs on several
// threads (one per core, at most 4); the number in use is shown next to the device, and retrieval works.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, embed, openApp } from './steps';

test('cross-origin isolated: the embedder runs on one WASM thread per core (at most 4), shown with the device', async ({ page }) => {
  await openApp(page);
  const { isolated, cores } = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(isolated).toBe(true);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page, 'WASM');
  await expect(page.getByTestId('device-in-use')).toHaveText('In use: WASM');
  const threads = Math.max(1, Math.min(4, cores));
  await expect(page.getByTestId('device-threads')).toHaveText(threads === 1 ? '1 thread' : `${threads} threads`);
  const results = await askQuestion(page, 'How hot is lava when a volcano erupts?');
  await expect(results.getByRole('listitem').first()).toContainText('volcanoes.md');
});
