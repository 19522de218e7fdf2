// Retrieval techniques (issue 14): keyword search's stop words, stemming and contextual chunk headers,
// switched in the search settings with their effect on the ranking and the BM25 scores; the header is never
// shown; and an evaluation with one configuration per technique shows a table row for each.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, chooseEngine, documentList, loadFixtureChatModel, openApp, resultList, scores } from './steps';

const MRR_QUESTION = 'How do I measure retrieval quality with MRR?';

async function ask(page: Page, question: string) {
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by BM25 score/);
}

/** Everything the first result card says (its document name among it), and every result's score. */
async function firstRowAndScores(page: Page) {
  return { first: (await resultList(page).getByRole('listitem').first().textContent()) ?? '', scores: await scores(page) };
}

const techniques = (page: Page) => page.getByRole('group', { name: 'Keyword search' });

test('stop words, stemming and contextual headers change keyword search; the header is never shown', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  await page.getByRole('radio', { name: /^Keyword/ }).check();

  // The defaults: stop words left out, English stemmed, chunks indexed with their headers.
  const group = techniques(page);
  for (const name of ['Leave out stop words', 'Stem English words', 'Contextual chunk headers'])
    await expect(group.getByRole('checkbox', { name })).toBeChecked();
  await ask(page, MRR_QUESTION);
  const withAll = await firstRowAndScores(page);
  expect(withAll.first).toContain('evaluating-retrieval.md');
  // The header is indexed, never shown: not in the results, not in the prompt.
  await expect(page.getByTestId('filled-prompt')).not.toContainText('evaluating-retrieval.md ›');
  await expect(resultList(page)).not.toContainText('evaluating-retrieval.md › ');

  // Each switched off in turn changes the BM25 scores.
  let previous = withAll.scores;
  for (const name of ['Contextual chunk headers', 'Stem English words', 'Leave out stop words']) {
    await group.getByRole('checkbox', { name }).uncheck();
    await ask(page, MRR_QUESTION);
    await expect.poll(() => scores(page)).not.toEqual(previous);
    previous = await scores(page);
  }
  // With none of them, common words win: the MRR document is no longer first.
  const plain = await firstRowAndScores(page);
  expect(plain.first).not.toContain('evaluating-retrieval.md');

  // Switched back on (the settings are kept), the MRR document is first again, with the same scores.
  for (const name of ['Leave out stop words', 'Stem English words', 'Contextual chunk headers']) await group.getByRole('checkbox', { name }).check();
  await ask(page, MRR_QUESTION);
  await expect.poll(() => scores(page)).toEqual(withAll.scores);
});

test('an evaluation with one configuration per technique shows a row for each', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  const step = page.getByRole('region', { name: 'Evaluate retrieval' });
  await step.getByRole('button', { name: 'Use the sample question set' }).click();
  // The sample's configurations: keyword, LSA vector, LSA hybrid. Then keyword search with one technique
  // switched off each (the others on, as by default), and LSA vectors of chunks embedded with their headers.
  const TECHNIQUES = ['Leave out stop words', 'Stem English words', 'Contextual chunk headers'];
  const added = [
    { off: 'Leave out stop words', describe: /stop words kept/ },
    { off: 'Stem English words', describe: /not stemmed/ },
    { off: 'Contextual chunk headers', describe: /no keyword headers/ },
  ];
  for (const [i, a] of added.entries()) {
    await step.getByRole('button', { name: 'Add configuration' }).click();
    const c = step.getByRole('listitem', { name: `Configuration ${4 + i}` });
    await c.getByLabel('Search').selectOption({ label: 'Keyword (BM25)' });
    for (const name of TECHNIQUES) await c.getByRole('checkbox', { name }).setChecked(name !== a.off);
  }
  await step.getByRole('button', { name: 'Add configuration' }).click();
  const embedded = step.getByRole('listitem', { name: 'Configuration 7' });
  await embedded.getByRole('combobox', { name: /^Embedding model/ }).selectOption({ label: 'LSA' });
  await embedded.getByLabel('Search').selectOption({ label: 'Vector' });
  await embedded.getByRole('checkbox', { name: 'Embed with contextual headers' }).check();
  // Semantic chunks (chunked again in the chunker worker), searched by keywords; and parent-child.
  await step.getByRole('button', { name: 'Add configuration' }).click();
  const semantic = step.getByRole('listitem', { name: 'Configuration 8' });
  await semantic.getByLabel('Search').selectOption({ label: 'Keyword (BM25)' });
  await semantic.getByLabel('Chunks').selectOption({ label: 'Chunked again' });
  await semantic.getByRole('combobox', { name: 'Chunker' }).selectOption({ label: 'Semantic: where the meaning changes' });
  await step.getByRole('button', { name: 'Add configuration' }).click();
  const parents = step.getByRole('listitem', { name: 'Configuration 9' });
  await parents.getByLabel('Chunks').selectOption({ label: 'The index’s chunks' });
  await parents.getByRole('checkbox', { name: 'Parent-child (hits judged by their parent)' }).check();

  await step.getByRole('button', { name: 'Run evaluation' }).click();
  const rows = step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row');
  await expect(rows).toHaveCount(10, { timeout: 120_000 });
  for (let n = 1; n <= 9; n++) await expect(rows.nth(n)).toContainText(/\d+ of 10/);
  await expect(rows.nth(8)).toContainText(/chunks semantic\//);
  await expect(rows.nth(9)).toContainText(/parents: ±1 chunks/);
  for (const [i, a] of added.entries()) await expect(rows.nth(4 + i)).toContainText(a.describe);
  await expect(rows.nth(7)).toContainText(/Vector.*LSA|Vector.*openbook\/lsa/);
  await expect(rows.nth(7)).toContainText(/embedded with headers/);
  // The default keyword configuration (row 1) describes no technique: it uses the defaults.
  await expect(rows.nth(1)).not.toContainText(/stop words kept|not stemmed|no keyword headers/);
});

test('parent-child: the results show the matched chunks, the prompt gets their parents, shared parents once', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  await ask(page, MRR_QUESTION);
  const prompt = page.getByTestId('filled-prompt');
  const childOnly = (await prompt.textContent()) ?? '';
  await expect(page.getByRole('region', { name: 'Parents sent to the prompt' })).toHaveCount(0);

  const group = page.getByRole('group', { name: 'Parent-child retrieval' });
  await group.getByRole('checkbox', { name: /Send each hit’s parent to the prompt/ }).check();
  await group.getByRole('combobox', { name: /^Parent/ }).selectOption({ label: 'its section (under its heading)' });
  await ask(page, MRR_QUESTION);
  const parents = page.getByRole('region', { name: 'Parents sent to the prompt' });
  await expect(parents.getByRole('heading')).toHaveText(/^Sent to the prompt: \d parents? for 4 hits$/);
  // The first parent holds the first hit, and the prompt holds that parent: more text than the hit alone.
  const first = parents.getByRole('listitem').first();
  await expect(first).toContainText(/^Parent of #1/);
  await first.locator('summary').click();
  const parentText = (await first.locator('.parent-text').textContent()) ?? '';
  const firstHit = ((await resultList(page).getByRole('listitem').first().locator('.result-text').textContent()) ?? '').trim().slice(0, 40);
  expect(parentText).toContain(firstHit);
  await expect(prompt).toContainText(parentText.trim().slice(0, 60));
  const withParents = (await prompt.textContent()) ?? '';
  expect(withParents.length).toBeGreaterThan(childOnly.length);

  // A wide window: hits of one document share a parent, so fewer parents than hits.
  await group.getByRole('combobox', { name: /^Parent/ }).selectOption({ label: 'neighbouring chunks' });
  await group.getByLabel('Neighbours on each side (n)').fill('10');
  await ask(page, MRR_QUESTION);
  await expect(parents.getByRole('heading')).toHaveText(/^Sent to the prompt: [123] parents? for 4 hits$/);
  await expect(
    parents
      .getByRole('listitem')
      .filter({ hasText: /^Parent of #\d+, #\d+/ })
      .first(),
  ).toBeVisible();
});

test('the semantic chunker cuts where the meaning changes and shows its distances and breakpoints', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  const step = page.getByRole('region', { name: 'Chunks', exact: true });
  await step.getByRole('combobox', { name: 'Chunker' }).selectOption({ label: 'Semantic: where the meaning changes' });
  await documentList(page).getByRole('button', { name: '提示词与幻觉.txt', exact: true }).click();
  // The distances between neighbouring sentence windows, the threshold, and the breakpoints (Chinese sentences).
  const chart = step.getByRole('region', { name: 'Distances between neighbouring sentence windows of 提示词与幻觉.txt' });
  await expect(chart.getByRole('heading')).toHaveText(/^Semantic breakpoints: (\d+) of (\d+) sentence gaps are above the threshold [\d.]+$/);
  const [, breakpoints, gaps] = /: (\d+) of (\d+)/.exec((await chart.getByRole('heading').textContent())!)!;
  expect(Number(gaps)).toBeGreaterThan(5);
  expect(Number(breakpoints)).toBeGreaterThan(0);
  expect(Number(breakpoints)).toBeLessThan(Number(gaps));
  await expect(chart.getByRole('img')).toBeVisible();
  // Switching to the standard-deviation threshold changes the breakpoints shown.
  const before = await chart.getByRole('heading').textContent();
  await step.getByRole('combobox', { name: 'Breakpoint threshold' }).selectOption({ label: 'mean + standard deviations' });
  await expect(chart.getByRole('heading')).not.toHaveText(before!);
});

test('query transformation: HyDE and multi-query with the loaded chat model, editable queries, hits per query', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How hot is lava?');
  const panel = page.getByRole('group', { name: 'Query transformation' });
  await panel.getByRole('combobox', { name: 'Query transformation' }).selectOption({ label: 'HyDE: search a hypothetical answer' });
  // No chat model yet: a clear message where the person is looking.
  await panel.getByRole('button', { name: 'Generate queries' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Load a chat model in step 6 first: it writes the queries.');

  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await panel.getByRole('button', { name: 'Generate queries' }).click();
  // The fixture model writes the same passage for any prompt: it is the hypothetical answer searched.
  const passage = panel.getByRole('textbox', { name: 'Query 1' });
  await expect(passage).toHaveValue(/^Lava is molten rock that erupts from a volcano\./);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by RRF score/);
  const runs = page.getByRole('region', { name: 'Hits per query' });
  await expect(runs.getByRole('heading')).toHaveText('Searched 1 query, fused by RRF:');
  await expect(runs).toContainText('volcanoes.md');

  // Ask also answered with the loaded model: the queries are generated once it has finished.
  await expect(page.getByTestId('generation-stats')).toContainText('answer tokens', { timeout: 90_000 });
  // Multi-query: the question, the model's rewrite and one typed by hand; each one's hits are listed.
  await panel.getByRole('combobox', { name: 'Query transformation' }).selectOption({ label: 'Multi-query: n rewrites, fused' });
  await panel.getByRole('button', { name: 'Generate queries' }).click();
  await expect(panel.getByRole('textbox', { name: 'Query 1' })).toHaveValue(/^Lava is molten rock/);
  await panel.getByRole('button', { name: 'Add a query' }).click();
  await panel.getByRole('textbox', { name: 'Query 2' }).fill('green tea water temperature');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(runs.getByRole('heading')).toHaveText('Searched 3 queries, fused by RRF:');
  const items = runs.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('How hot is lava?');
  await expect(items.nth(2)).toContainText('green tea water temperature');
  await expect(items.nth(2)).toContainText('tea.txt');
});
