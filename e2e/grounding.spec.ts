// Grounding made visible: the same question answered with and without retrieval, side by side, and the
// answer's citation [1] followed to the chunk it names. transformers.js runs the site's fixture chat model
// on WASM (it always writes the same sentence, which ends with "[1].").
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, loadFixtureChatModel, openApp } from './steps';
import { FIXTURE_CHAT_ANSWER, FIXTURE_CHAT_ANSWER_TOKENS } from '../scripts/make-fixture-chat-model';

test('compare with and without retrieval side by side, each with stats; the [1] in the RAG answer shows chunk 1 in its document', async ({ page }) => {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);

  const table = await askQuestion(page, 'How hot is lava?');
  // Asking answers once, from the filled prompt; its [1] is already a link to chunk 1.
  await expect(page.getByTestId('generation-stats')).toContainText(`${FIXTURE_CHAT_ANSWER_TOKENS} answer tokens`, { timeout: 60_000 });
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER);
  await expect(page.getByTestId('answer-text').getByRole('button', { name: '[1]' })).toBeVisible();

  // The first answer is held after its first token (a test hook), so that the second is seen waiting
  // however fast this machine answers.
  await page.evaluate(() => {
    (window.__openbookTest ??= {}).hold = ['answer-first-token'];
  });
  await page.getByRole('button', { name: 'Compare with and without retrieval' }).click();
  const comparison = page.getByRole('region', { name: 'Answers with and without retrieval' });
  const rag = comparison.getByRole('region', { name: 'With retrieval (the filled prompt)' });
  const plain = comparison.getByRole('region', { name: 'Without retrieval (the question alone)' });
  await expect(rag).toBeVisible();
  await expect(plain).toBeVisible();
  // One after the other: the answer without retrieval waits for its turn.
  await expect(plain).toContainText('Waiting for its turn…');
  await page.evaluate(() => window.__openbookTest?.release?.('answer-first-token'));
  await expect(page.getByTestId('comparison-plain-stats')).toContainText(`${FIXTURE_CHAT_ANSWER_TOKENS} answer tokens`, { timeout: 60_000 });
  await expect(page.getByTestId('comparison-rag-stats')).toContainText(`${FIXTURE_CHAT_ANSWER_TOKENS} answer tokens`);
  await expect(page.getByTestId('comparison-rag-text')).toHaveText(FIXTURE_CHAT_ANSWER);
  await expect(page.getByTestId('comparison-plain-text')).toHaveText(FIXTURE_CHAT_ANSWER);

  // Side by side: same row, the answer without retrieval to the right.
  const [ragBox, plainBox] = [(await rag.boundingBox())!, (await plain.boundingBox())!];
  expect(plainBox.x).toBeGreaterThanOrEqual(ragBox.x + ragBox.width - 1);
  expect(Math.abs(plainBox.y - ragBox.y)).toBeLessThan(5);
  // The question alone is a much shorter prompt than the question with its chunks.
  const promptTokens = async (testId: string) => Number((await page.getByTestId(testId).textContent())!.match(/([\d,]+) prompt tokens/)![1]!.replace(/,/g, ''));
  expect(await promptTokens('comparison-plain-stats')).toBeLessThan(await promptTokens('comparison-rag-stats'));

  // Without retrieval there is no chunk 1: its [1] stays plain text.
  await expect(plain.getByRole('button')).toHaveCount(0);
  // With retrieval, [1] shows chunk 1: highlighted in the results, marked in its document.
  const firstRow = table.getByRole('listitem').nth(0);
  const chunkText = (await firstRow.locator('.result-text').textContent())!;
  const docName = (await firstRow.locator('.result-doc').textContent())!;
  await rag.getByRole('button', { name: '[1]' }).click();
  await expect(firstRow).toHaveAttribute('aria-current', 'true');
  await expect(table.locator('li[aria-current]')).toHaveCount(1);
  const text = page.getByLabel(`Text of ${docName}`);
  await expect(text.locator('mark')).toHaveText(chunkText);
  await expect(text.locator('mark')).toBeInViewport();
});

test('Stop during the comparison stops the answer running and skips the other', async ({ page }) => {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await addFiles(page, 'volcanoes.md');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('generation-stats')).toBeVisible({ timeout: 60_000 });

  // The app holds the answer after its first token (a test hook, so that the Stop lands part-way however
  // fast this machine answers), Stop is pressed, then the answer may go on.
  await page.evaluate(() => {
    (window.__openbookTest ??= {}).hold = ['answer-first-token'];
  });
  await page.getByRole('button', { name: 'Compare with and without retrieval' }).click();
  await page.waitForFunction(() => !!document.querySelector('[data-testid="comparison-rag-text"][aria-busy="true"]')?.textContent, null, {
    polling: 'raf',
  });
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.evaluate(() => window.__openbookTest?.release?.('answer-first-token'));
  const rag = page.getByTestId('comparison-rag');
  await expect(rag).toContainText('Stopped before the end.');
  await expect(page.getByTestId('comparison-plain')).toContainText('Not generated: stopped before its turn.');
  const partial = (await page.getByTestId('comparison-rag-text').textContent())!;
  expect(partial.length).toBeLessThan(FIXTURE_CHAT_ANSWER.length);
  expect(FIXTURE_CHAT_ANSWER.startsWith(partial)).toBe(true);
  await expect(page.getByTestId('comparison-plain-stats')).toHaveCount(0);
  // The model stays loaded: a single answer replaces the comparison.
  await page.getByRole('button', { name: 'Generate answer' }).click();
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER, { timeout: 60_000 });
});
