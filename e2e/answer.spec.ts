// A real streamed answer: transformers.js runs the site's tiny fixture chat model (a bigram model that
// always writes the same sentence, one token at a time) on WASM, and on WebGPU through SwiftShader.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, loadFixtureChatModel, openApp, recordAnswerTexts } from './steps';
import { FIXTURE_CHAT_ANSWER, FIXTURE_CHAT_ANSWER_TOKENS } from '../scripts/make-fixture-chat-model';

const WEIGHTS = '**/models/openbook/tiny-chat/onnx/model.onnx';

test('transformers.js on WASM: load the model with progress (and cancel), watch the answer stream in, see the stats; Stop keeps a partial answer', async ({
  page,
}) => {
  await openApp(page);
  // No WebGPU in this browser: transformers.js on WASM is the default, and the page says why.
  await expect(page.getByTestId('engine-reason')).toContainText('the default is transformers.js on WASM');
  await expect(page.getByRole('radio', { name: 'transformers.js · WASM (CPU)' })).toBeChecked();
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await expect(page.getByTestId('no-answer-reason')).toContainText('no language model is loaded');

  // Hold the weights (as a slow network would) until the download's progress has been seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  await page.route(WEIGHTS, async (route) => {
    // transformers.js first asks the file's size with a request whose body it does not read.
    if (requests++ > 0) await held;
    await route.continue().catch(() => undefined); // a cancelled load's worker is gone, and its request with it
  });
  await page.getByLabel('Chat model (transformers.js)').selectOption('openbook/tiny-chat');
  const loading = page.getByTestId('chat-load-progress');
  // The download shows its progress: percent, the file in hand, bytes so far of the bytes known.
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(loading.getByRole('progressbar', { name: 'Loading the model' })).toBeVisible();
  await expect(loading).toContainText(/\d+% · .*(json|onnx)/);
  await expect(loading).toContainText(/(B|KB) \/ /);
  // It can be cancelled while the weights are on their way, and started again.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Loading was cancelled.')).toBeVisible();
  await expect(loading).toHaveCount(0);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(loading.getByRole('progressbar', { name: 'Loading the model' })).toBeVisible();
  release();
  await expect(page.getByRole('button', { name: 'Loaded' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('chat-in-use')).toHaveText('Loaded on transformers.js · WASM (CPU)');
  await page.unroute(WEIGHTS);

  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);

  // With a model loaded, asking runs the whole loop: retrieve, fill the prompt, answer.
  const answerTexts = await recordAnswerTexts(page);
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('generation-stats')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER);
  // Token by token: the pane showed partial answers, each longer than the one before.
  const partial = (await answerTexts()).filter((text) => text !== '' && text !== FIXTURE_CHAT_ANSWER);
  expect(partial.length).toBeGreaterThanOrEqual(2);
  for (const [i, text] of partial.entries()) {
    expect(FIXTURE_CHAT_ANSWER.startsWith(text), text).toBe(true);
    if (i > 0) expect(text.length).toBeGreaterThan(partial[i - 1]!.length);
  }
  const stats = page.getByTestId('generation-stats');
  await expect(stats).toContainText(`${FIXTURE_CHAT_ANSWER_TOKENS} answer tokens`);
  await expect(stats).toContainText(/First token after [\d.]+ s · prefill [\d.,]+ tokens\/s · decode [\d.,]+ tokens\/s · [\d,]+ prompt tokens/);
  await expect(page.getByTestId('answer-stopped')).toHaveCount(0);

  // Ask again, and stop the answer part-way: the app holds it after its first token (a test hook, so that the
  // Stop lands part-way however fast this machine answers), Stop is pressed, then the answer may go on.
  await page.evaluate(() => {
    (window.__openbookTest ??= {}).hold = ['answer-first-token'];
  });
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('What is magma?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  // (aria-busy: the new answer, not the one before, which stays on screen until generation starts.)
  await page.waitForFunction(() => !!document.querySelector('[data-testid="answer-text"][aria-busy="true"]')?.textContent);
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.evaluate(() => window.__openbookTest?.release?.('answer-first-token'));
  await expect(page.getByTestId('answer-stopped')).toHaveText('Stopped before the end.');
  const stopped = (await page.getByTestId('answer-text').textContent())!;
  expect(stopped.length).toBeGreaterThan(0);
  expect(stopped.length).toBeLessThan(FIXTURE_CHAT_ANSWER.length);
  expect(FIXTURE_CHAT_ANSWER.startsWith(stopped)).toBe(true);
  await expect(page.getByTestId('generation-stats')).not.toContainText(`${FIXTURE_CHAT_ANSWER_TOKENS} answer tokens`);
  // The model is still loaded, and answers the same prompt again in full.
  await page.getByRole('button', { name: 'Generate answer' }).click();
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER, { timeout: 60_000 });
  await expect(page.getByTestId('answer-stopped')).toHaveCount(0);
});

test('transformers.js answers on WebGPU too (SwiftShader) @webgpu', async ({ page }) => {
  await openApp(page);
  // SwiftShader is a software adapter: the default is transformers.js on WASM, and the page says why (WebLLM
  // is the default only on a hardware adapter); transformers.js on WebGPU is one click away.
  await expect(page.getByTestId('engine-reason')).toContainText('WebGPU here is a software renderer');
  await expect(page.getByTestId('engine-reason')).toContainText('the default is transformers.js on WASM');
  await expect(page.getByRole('radio', { name: 'transformers.js · WASM (CPU)' })).toBeChecked();
  await chooseEngine(page, 'transformers.js · WebGPU');
  await loadFixtureChatModel(page);
  await expect(page.getByTestId('chat-in-use')).toHaveText('Loaded on transformers.js · WebGPU');

  await addFiles(page, 'volcanoes.md');
  await embed(page, 'WASM');
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('generation-stats')).toContainText(`${FIXTURE_CHAT_ANSWER_TOKENS} answer tokens`, { timeout: 90_000 });
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER);
});
