// The evaluation lab: a chart of hit rate and MRR per configuration, and an embedding adapter trained on
// the question set (live loss curve, held-out figures before and after, a switch for searches) that is
// saved with the workspace and comes back after a reload.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { embed, openApp, scores } from './steps';

const evaluation = (page: Page) => page.getByRole('region', { name: 'Evaluate retrieval' });
const QUESTION = 'What is retrieval-augmented generation?';

/** Ask a question in step 4 and return the scores of its results, once they are shown. */
async function ask(page: Page, question: string): Promise<number[]> {
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const results = page.getByRole('table', { name: /^Chunks nearest to/ });
  await expect(results).toBeVisible();
  await expect(results.locator('td.score').first()).toBeVisible();
  return scores(page);
}

test('an adapter trained on the sample question set: loss curve, before/after, switch, kept after a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(page.getByRole('list', { name: 'Documents' }).getByRole('listitem')).toHaveCount(5);
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
  await expect(panel.getByText(/Adapter trained in \d+ ms/)).toBeVisible({ timeout: 60_000 });
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

  // On for searches: the question's vector goes through the adapter, so the scores differ from those without it.
  const apply = panel.getByRole('checkbox', { name: 'Apply the adapter to searches' });
  await expect(apply).toBeChecked();
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
