// Query transformation as an evaluation dimension (issue 14): a configuration with multi-query, HyDE or a
// standalone rewrite says it needs the chat model and is not run without it; with the fixture chat model
// loaded, the evaluation table shows a row for each, measured on the same questions.
import { test, expect } from './fixtures';
import { chooseEngine, documentList, loadFixtureChatModel } from './steps';

test('an evaluation with one configuration per query transformation shows a row for each; none runs without the chat model', async ({ page }) => {
  // Some tens of generations by the fixture chat model on the CPU: minutes on a busy machine.
  test.setTimeout(360_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  const step = page.getByRole('region', { name: 'Evaluate retrieval' });
  await step.getByRole('button', { name: 'Use the sample question set' }).click();
  // Keyword search alone (no embedding needed): the sample's LSA configurations are removed.
  await step.getByRole('button', { name: 'Remove configuration 3' }).click();
  await step.getByRole('button', { name: 'Remove configuration 2' }).click();
  await expect(step.getByRole('listitem', { name: /^Configuration \d$/ })).toHaveCount(1);

  const add = async (n: number, transform: string) => {
    await step.getByRole('button', { name: 'Add configuration' }).click();
    const c = step.getByRole('listitem', { name: `Configuration ${n}` });
    await c.getByLabel('Search').selectOption({ label: 'Keyword (BM25)' });
    await c.getByRole('combobox', { name: 'Query transformation' }).selectOption({ label: transform });
    return c;
  };
  const multi = await add(2, 'Multi-query: n rewrites, fused');
  await expect(multi.getByTestId('eval-queries-needs-model')).toHaveText(/^Needs a loaded chat model: load one in step 6 before running\./);

  // Run without a chat model: that configuration's row says why it was not run; the other is measured.
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  const rows = step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row');
  await expect(rows).toHaveCount(3, { timeout: 60_000 });
  await expect(rows.nth(1)).toContainText(/\d+ of 10/);
  await expect(rows.nth(2)).toContainText(
    'Not run: this configuration transforms the queries with the chat model, and none is loaded. Load one in step 6, then run again.',
  );

  // With the fixture chat model loaded, the note goes, and one configuration per technique runs.
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await expect(multi.getByTestId('eval-queries-needs-model')).toHaveCount(0);
  await multi.getByLabel('Rewrites (n)').fill('2');
  await add(3, 'HyDE: search a hypothetical answer');
  const standalone = await add(4, 'Standalone rewrite of a follow-up');
  await expect(standalone.getByTestId('eval-queries-note')).toContainText('each question is rewritten given the one before it');
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(rows).toHaveCount(5, { timeout: 180_000 });
  for (let n = 1; n <= 4; n++) await expect(rows.nth(n)).toContainText(/\d+ of 10/, { timeout: 180_000 });
  await expect(rows.nth(1)).not.toContainText('queries:');
  await expect(rows.nth(2)).toContainText('queries: multi-query ×2');
  await expect(rows.nth(3)).toContainText('queries: HyDE');
  await expect(rows.nth(4)).toContainText('queries: standalone rewrite');
});
