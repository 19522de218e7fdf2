// The context budget: the filled prompt's tokens, counted by the loaded model's own tokenizer, against the
// model's context window (the fixture chat model declares 4,096 tokens) and the room kept for the answer.
// Asking for a long answer leaves no room for every chunk: the lowest-ranked are dropped, and listed.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, loadFixtureChatModel, openApp } from './steps';
import { FIXTURE_CHAT_ANSWER } from '../scripts/make-fixture-chat-model';

test('a long max answer leaves room for fewer chunks: the lowest-ranked are dropped from the prompt and listed', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  const budget = page.getByTestId('context-budget');
  const chunksInPrompt = page.getByTestId('filled-prompt').locator('mark.inserted-chunk');
  // No model loaded yet: an estimate.
  await expect(budget).toContainText('4 of 4 chunks fit');
  await expect(budget).toContainText('estimate');

  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  // The model's own tokenizer counts now, against its 4,096-token window.
  await expect(budget).toContainText('counted by the model’s tokenizer');
  await expect(budget).toContainText('of a 4,096-token context window; 4 of 4 chunks fit');
  await expect(chunksInPrompt).toHaveCount(4);
  await expect(page.getByTestId('dropped-chunks')).toHaveCount(0);

  await page.getByText('Answer settings').click();
  await page.getByLabel('Max answer tokens').fill('3200');
  const dropped = page.getByRole('list', { name: 'Chunks left out' }).getByRole('listitem');
  await expect(dropped.first()).toBeVisible();
  const droppedCount = await dropped.count();
  const kept = 4 - droppedCount;
  expect(kept).toBeLessThan(4);
  // Exactly the lowest-ranked are gone, and the prompt holds the others, numbered as in the results.
  await expect(dropped.last()).toContainText('rank 4');
  await expect(dropped.first()).toContainText(`rank ${kept + 1}`);
  await expect(chunksInPrompt).toHaveCount(kept);
  await expect(budget).toContainText(`${kept} of 4 chunks fit`);
  const prompt = (await page.getByTestId('filled-prompt').textContent())!;
  expect(prompt).not.toContain(`[${kept + 1}] (`);
  const tokens = Number((await budget.textContent())!.match(/prompt ([\d,]+) tokens/)![1]!.replace(/,/g, ''));
  expect(tokens + 3200).toBeLessThanOrEqual(4096);

  // The model answers the trimmed prompt, and reports about as many prompt tokens as the budget counted (the chat markers are an allowance).
  await page.getByRole('button', { name: 'Generate answer' }).click();
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER, { timeout: 60_000 });
  const sentTokens = Number((await page.getByTestId('generation-stats').textContent())!.match(/([\d,]+) prompt tokens/)![1]!.replace(/,/g, ''));
  expect(Math.abs(sentTokens - tokens)).toBeLessThan(30);

  // A short answer again: every chunk fits.
  await page.getByLabel('Max answer tokens').fill('512');
  await expect(page.getByTestId('dropped-chunks')).toHaveCount(0);
  await expect(chunksInPrompt).toHaveCount(4);
});
