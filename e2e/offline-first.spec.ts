// Openbook on first open with no network and no model on the site: keyword search needs no model, the
// built-in LSA embedder needs no download, the evaluation runs keyword / LSA / hybrid, and a reload keeps
// the same scores. (The fixture refuses every request to another host; this test also makes the site's
// models/ folder answer 404, as a site that serves no models would.)
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { documentList, resultList, scores } from './steps';

const QUESTION = 'Why does retrieval-augmented generation reduce hallucination?';

async function ask(page: Page, question: string, rankedBy: RegExp) {
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('ranked-by')).toHaveText(rankedBy);
}

/** The score of this stage in every result card (its words and range, then the value). */
const stageScores = (page: Page, stage: string) => resultList(page).locator(`.result-score[data-stage="${stage}"]`);
const evaluation = (page: Page) => page.getByRole('region', { name: 'Evaluate retrieval' });

test('with no network and no site models: keyword search at once, the built-in embedder, evaluation, the same scores after a reload', async ({
  page,
  context,
}) => {
  const modelRequests: string[] = [];
  await context.route(/\/models\//, (route) => {
    modelRequests.push(`${route.request().method()} ${route.request().url()}`);
    return route.fulfill({ status: 404, body: 'Not found' });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);

  // Nothing embedded: keyword search answers with BM25 scores, and the prompt is filled with its chunks.
  await expect(page.getByText('No vectors yet: keyword search works now.')).toBeVisible();
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  await ask(page, QUESTION, /^Ranked by BM25 score/);
  await expect(stageScores(page, 'bm25').first()).toHaveText(/^BM25 score \(0 or more, no upper bound\) \d+\.\d{3} \(ranks the list\)$/);
  const bm25 = await scores(page);
  expect(bm25.length).toBeGreaterThan(0);
  expect(bm25[0]!).toBeGreaterThan(0);
  const firstChunk = (await resultList(page).getByRole('listitem').first().locator('.result-text').textContent())!.trim().slice(0, 40);
  await expect(page.getByTestId('filled-prompt')).toContainText(firstChunk);
  await expect(page.getByTestId('context-budget')).toBeVisible();

  // Vector search says it needs vectors, and offers the built-in embedder.
  await page.getByRole('radio', { name: /^Vector/ }).check();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'there are none yet' });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Embed with the built-in embedder (no download)' }).click();
  await expect(page.getByTestId('index-summary')).toContainText('Index ready', { timeout: 90_000 });
  await expect(page.getByTestId('index-summary')).toContainText('openbook/lsa');
  await expect(page.getByRole('radio', { name: /LSA: the built-in embedder/ })).toBeChecked();

  // The question is answered by vector search, with cosine scores.
  await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by cosine similarity/, { timeout: 30_000 });
  await ask(page, QUESTION, /^Ranked by cosine similarity/);
  const vector = await scores(page);
  expect(vector.length).toBe(4);
  for (const s of vector) expect(Math.abs(s)).toBeLessThanOrEqual(1 + 1e-6);
  await expect(resultList(page).getByRole('listitem').first()).toContainText('what-is-rag.md'); // the expected document

  // The embedding map draws the LSA vectors, the question among them.
  const panel = page.getByRole('region', { name: 'Embedding map' });
  await panel.getByRole('button', { name: 'Draw the map' }).click();
  await expect(panel.getByRole('group', { name: /^Embedding map: 29 chunks projected with PCA/ })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Documents on the map' }).getByRole('listitem')).toHaveCount(5);
  await expect(panel.getByTestId('map-query')).toBeVisible();

  // MMR over the LSA vectors.
  await page.getByRole('checkbox', { name: 'Diversify (MMR)' }).check();
  await ask(page, QUESTION, /then reordered by MMR/);
  await page.getByRole('checkbox', { name: 'Diversify (MMR)' }).uncheck();

  // Hybrid: cosine, BM25 and the fused score.
  await page.getByRole('radio', { name: /^Hybrid/ }).check();
  await ask(page, QUESTION, /^Ranked by RRF score/);
  await expect(stageScores(page, 'cosine').first()).toHaveText(/^cosine similarity \(−1 to 1\) (-?\d\.\d{3}|— \(not in this search’s top \d+\))$/);
  await expect(stageScores(page, 'bm25').first()).toHaveText(/^BM25 score \(0 or more, no upper bound\) (\d+\.\d{3}|— \(not in this search’s top \d+\))$/);
  await expect(stageScores(page, 'fused').first()).toHaveText(/^RRF score \(0 to 0\.033\) 0\.0\d{3} \(ranks the list\)$/);

  // The evaluation: the sample question set with its offline configurations (keyword, LSA, LSA hybrid).
  const step = evaluation(page);
  await step.getByRole('button', { name: 'Use the sample question set' }).click();
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  const rows = step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row');
  await expect(rows).toHaveCount(4, { timeout: 90_000 });
  for (let n = 1; n <= 3; n++) {
    const row = rows.nth(n);
    await expect(row).toContainText(/\d+ of 10/);
    const hitRate = Number(await row.locator('td[data-metric="hit-rate"]').getAttribute('data-value'));
    const mrr = Number(await row.locator('td[data-metric="mrr"]').getAttribute('data-value'));
    expect(hitRate).toBeGreaterThan(0);
    expect(mrr).toBeLessThanOrEqual(hitRate);
  }
  await expect(rows.nth(1)).toContainText('Keyword (BM25)');
  await expect(rows.nth(2)).toContainText(/Vector.*openbook\/lsa/);
  await expect(rows.nth(3)).toContainText(/Hybrid.*openbook\/lsa/);

  // A reload: the same question gets the same scores (the fitted projection was saved with the index).
  await page.getByRole('radio', { name: /^Vector/ }).check();
  await page.reload();
  await expect(page.getByTestId('index-summary')).toContainText('Index ready', { timeout: 60_000 });
  await ask(page, QUESTION, /^Ranked by cosine similarity/);
  expect(await scores(page)).toEqual(vector);
  // Nothing was downloaded from the site's models/: only its (missing) list was read, and whether it serves
  // a model folder asked (HEAD of config.json, for the pickers' availability).
  for (const request of modelRequests) expect(request).toMatch(/^(GET .*\/models\/models\.json|HEAD .*\/models\/[^/]+\/[^/]+\/config\.json)$/);
});
