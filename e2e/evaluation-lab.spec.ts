// The evaluation lab: a chart of hit rate and MRR per configuration, and an embedding adapter trained on
// the question set (live loss curve, held-out figures before and after, a switch for searches) that is
// saved with the workspace and comes back after a reload.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, documentList, embed, loadFixtureChatModel, openApp, scores } from './steps';

const evaluation = (page: Page) => page.getByRole('region', { name: 'Evaluate retrieval' });
const QUESTION = 'What is retrieval-augmented generation?';

/** Ask a question in step 4 and return the scores of its results, once they are shown. */
async function ask(page: Page, question: string): Promise<number[]> {
  const results = await askQuestion(page, question);
  await expect(results.locator('.result-score.score').first()).toBeVisible();
  return scores(page);
}

test('an adapter trained on the sample question set: loss curve, before/after, switch, kept after a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  await embed(page);
  const step = evaluation(page);
  await step.getByRole('button', { name: 'Use the sample question set' }).click();

  // The retrieval evaluation's figures as a chart too.
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row')).toHaveCount(5, { timeout: 90_000 });
  await expect(step.getByRole('img', { name: /^Hit rate@k and MRR per configuration/ })).toBeVisible();

  const panel = step.getByRole('region', { name: 'Fine-tune an embedding adapter' });
  await panel.getByLabel('Epochs').fill('8');
  await panel.getByRole('button', { name: 'Train adapter' }).click();
  await expect(panel.getByText(/^Adapter trained in \d+ ms/)).toBeVisible({ timeout: 60_000 });
  const table = panel.getByRole('table', { name: /^Held-out questions before and after training/ });
  await expect(table).toContainText('openbook/tiny-embedder');
  // 10 questions: 3 held out (a quarter, rounded), 7 trained on in one batch a step: 8 steps.
  await expect(table).toContainText('7 questions trained on, 3 held out');
  for (const row of ['adapter-before', 'adapter-after']) {
    const cells = table.getByTestId(row).locator('td');
    await expect(cells).toHaveCount(2);
    for (const value of await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))))) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  }
  const curve = panel.getByRole('img', { name: /^Training loss/ });
  await expect(curve).toBeVisible();
  await panel.getByText('Loss of every step').click();
  await expect(panel.locator('.chart-values li')).toHaveCount(8);

  // Switched on unless it ranks the held-out questions worse than no adapter (then the message says so).
  const mrr = async (row: string) => Number(await table.getByTestId(row).locator('td').nth(1).getAttribute('data-value'));
  const worse = (await mrr('adapter-after')) < (await mrr('adapter-before'));
  const apply = panel.getByRole('checkbox', { name: 'Apply the adapter to searches' });
  if (worse) {
    await expect(panel.getByText(/ranks the held-out questions worse than no adapter/)).toBeVisible();
    await expect(apply).not.toBeChecked();
    await apply.check();
  } else await expect(apply).toBeChecked();
  // On for searches: the question's vector goes through the adapter, so the scores differ from those without it.
  const withAdapter = await ask(page, QUESTION);
  expect(withAdapter.length).toBeGreaterThan(0);
  await apply.uncheck();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  // The same question again, now without the adapter: other scores replace those shown.
  await expect.poll(() => scores(page)).not.toEqual(withAdapter);
  expect(await scores(page)).toHaveLength(withAdapter.length);

  // Saved with the index: after a reload it is back, with its figures and its switch as it was left.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByTestId('index-summary')).toContainText('Index ready', { timeout: 60_000 });
  const again = evaluation(page).getByRole('region', { name: 'Fine-tune an embedding adapter' });
  await expect(again.getByRole('table', { name: /^Held-out questions before and after training/ })).toContainText('7 questions trained on, 3 held out');
  await expect(again.getByRole('checkbox', { name: 'Apply the adapter to searches' })).not.toBeChecked();
  await again.getByRole('button', { name: 'Discard adapter' }).click();
  await expect(again.getByRole('table')).toHaveCount(0);
});

test('training without an index or with too few questions says why', async ({ page }) => {
  await openApp(page);
  const panel = evaluation(page).getByRole('region', { name: 'Fine-tune an embedding adapter' });
  await panel.getByRole('button', { name: 'Train adapter' }).click();
  await expect(panel.getByRole('alert')).toContainText('Embed and index the documents first');
});

test('questions generated by the fixture chat model, reviewed, added; answers judged by the fixture cross-encoder and by the chat model', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  const step = evaluation(page);

  // Generate two questions; the prompt is shown and editable.
  const generator = step.getByRole('region', { name: 'Generate questions with the chat model' });
  await expect(generator.getByLabel('Question prompt')).toHaveValue(/Write it in \{language\}/);
  await generator.getByLabel('Chunks to sample').fill('2');
  await generator.getByRole('button', { name: 'Generate questions' }).click();
  await expect(generator.getByText('Generated 2 questions. Review them, then add them to the set.')).toBeVisible({ timeout: 60_000 });
  const drafts = generator.getByRole('list', { name: 'Generated questions to review' }).getByRole('listitem');
  await expect(drafts).toHaveCount(2);
  // The fixture model always writes the same sentence: that is the question (it has no question mark).
  await expect(generator.getByRole('textbox', { name: 'Generated question 1', exact: true })).toHaveValue(
    /^Lava is molten rock that erupts from a volcano\. .* into new stone\.$/,
  );
  await expect(drafts.first()).toContainText(/Expected source: (volcanoes\.md|tea\.txt) · “/);
  // Review: edit the first, remove the second, add what is left.
  await generator.getByRole('textbox', { name: 'Generated question 1', exact: true }).fill('How hot is lava?');
  await generator.getByRole('button', { name: 'Remove generated question 2' }).click();
  await expect(drafts).toHaveCount(1);
  await generator.getByRole('button', { name: 'Add 1 question to the set' }).click();
  await expect(step.getByText('Added 1 generated questions to the question set.')).toBeVisible();
  await expect(step.getByLabel('Question 1', { exact: true })).toHaveValue('How hot is lava?');
  await expect(step.getByLabel('Expected document (question 1)')).toHaveValue(/^(volcanoes\.md|tea\.txt)$/);
  await expect(step.getByLabel('Expected text (question 1)')).not.toHaveValue('');

  // The generated question retrieves the chunk it was made from.
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row')).toHaveCount(2, { timeout: 90_000 });

  // Answer quality by the fixture cross-encoder.
  const quality = step.getByRole('region', { name: 'Answer quality' });
  await quality.getByLabel('Cross-encoder model').fill('openbook/tiny-reranker');
  await quality.getByRole('button', { name: 'Evaluate answers' }).click();
  await expect(quality.getByText('Judged the answers to 1 questions.')).toBeVisible({ timeout: 90_000 });
  const table = quality.getByRole('table', {
    name: /^Answer quality per question, configuration 1 \(judged by Cross-encoder \(reranker model\): openbook\/tiny-reranker\)/,
  });
  const row = table.getByRole('row').nth(1);
  await expect(row).toContainText('How hot is lava?');
  const value = async (metric: string) => row.locator(`td[data-metric="${metric}"]`).getAttribute('data-value');
  // The evidence behind the figure: groundedness = supported sentences ÷ sentences of the answer with retrieval.
  const evidence = table.getByRole('row').nth(2);
  await evidence.getByText('Evidence for question 1').click();
  const ragSentences = evidence.locator('.evidence').first().locator('li');
  await expect(ragSentences).toHaveCount(2); // the fixture answer's two sentences
  await expect(ragSentences.first()).toContainText('“Lava is molten rock that erupts from a volcano.”');
  const supported = await ragSentences.evaluateAll((lis) => lis.filter((li) => li.getAttribute('data-supported') === 'true').length);
  expect(Number(await value('groundedness'))).toBeCloseTo(supported / 2, 10);
  // The answer cites [1]: its correctness is 0 or 1, and the evidence says which.
  expect(['0', '1']).toContain(await value('citations'));
  await expect(evidence.locator('.evidence').first()).toContainText(/Citation \[1\] (correct|wrong)/);
  for (const metric of ['relevance', 'plain-groundedness', 'plain-relevance']) {
    const v = Number(await value(metric));
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  await expect(quality.getByRole('img', { name: /^Groundedness and relevance per question/ })).toBeVisible();

  // The chat model as judge, with its rubric shown: the fixture model answers neither YES nor NO, so nothing counts as supported.
  await quality.getByRole('radio', { name: 'Chat model as judge' }).check();
  await expect(quality.getByLabel(/^Judge rubric/)).toHaveValue(/Claim: \{claim\}/);
  await quality.getByRole('button', { name: 'Evaluate answers' }).click();
  await expect(quality.getByRole('table', { name: /judged by Chat model as judge: openbook\/tiny-chat/ })).toBeVisible({ timeout: 90_000 });
  await expect(quality.getByText('Judged the answers to 1 questions.')).toBeVisible({ timeout: 90_000 });
  const judged = quality
    .getByRole('table', { name: /judged by Chat model as judge/ })
    .getByRole('row')
    .nth(1);
  await expect(judged.locator('td[data-metric="groundedness"]')).toHaveAttribute('data-value', '0');
  await expect(judged.locator('td[data-metric="relevance"]')).toHaveText('—');

  // Generating can be cancelled; what was generated is kept for review.
  await generator.getByLabel('Chunks to sample').fill('5');
  await generator.getByRole('button', { name: 'Generate questions' }).click();
  // (By keyboard: the button is found by focus, not by a screen position that a layout change could move.)
  await generator.getByRole('button', { name: 'Cancel generating' }).press('Enter');
  await expect(generator.getByText(/^Generating cancelled; the \d+ questions generated so far are kept for review\.$/)).toBeVisible();
  await expect(generator.getByRole('button', { name: 'Generate questions' })).toBeEnabled();
});
