// Evaluating retrieval: a question set in, runs over configurations, hit rate@k and MRR, drill-down, CSV.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, documentList, embed, openApp } from './steps';

const QUESTIONS = [
  { question: 'How hot is lava when a volcano erupts?', expected_document: 'volcanoes.md', expected_substring: '1,200 degrees Celsius' },
  { question: 'What temperature of water is used to steep green tea?', expected_document: 'tea.txt' },
  { question: '熔岩的温度有多高？', expected_document: '火山.txt', expected_substring: '一千二百摄氏度' },
  // No chunk of any document talks about planets: this one cannot be found.
  { question: 'Which planets orbit the sun?', expected_substring: 'planet' },
];

const jsonl = (rows: object[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'));

async function importQuestions(page: Page, name: string, buffer: Buffer, mimeType = 'text/plain') {
  await page.getByLabel('Import questions (JSONL or CSV)').setInputFiles({ name, mimeType, buffer });
}

const evaluation = (page: Page) => page.getByRole('region', { name: 'Evaluate retrieval' });

/** The hit rate and MRR shown in the metrics table's row for configuration n. */
async function metricsOf(page: Page, n: number) {
  const row = page.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row').nth(n);
  const value = async (metric: string) => Number(await row.locator(`td[data-metric="${metric}"]`).getAttribute('data-value'));
  return { row, hitRate: await value('hit-rate'), mrr: await value('mrr') };
}

test('a question set from a file, three configurations (two re-chunked, one hybrid and reranked), metrics, drill-down and CSV', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt', '火山.txt');
  await embed(page);

  await importQuestions(page, 'questions.jsonl', jsonl(QUESTIONS));
  const step = evaluation(page);
  await expect(step.getByText('Imported 4 questions from questions.jsonl.')).toBeVisible();
  await expect(step.getByLabel('Question 3', { exact: true })).toHaveValue('熔岩的温度有多高？');
  await expect(step.getByLabel('Expected document (question 1)')).toHaveValue('volcanoes.md');

  // Configuration 1: the index as it is (vector, k = 4). Configuration 2: another embedding model and
  // other chunks, which needs chunks and vectors of its own.
  await step.getByRole('button', { name: 'Add configuration' }).click();
  const second = step.getByRole('listitem', { name: 'Configuration 2' });
  await second.getByLabel('Embedding model').selectOption({ label: 'Tiny wide test embedder, 1024 dimensions (fixture)' });
  await second.getByLabel('Chunks').selectOption({ label: 'Chunked again' });
  await second.getByLabel('Chunk size').fill('200');
  await second.getByLabel('Overlap').fill('20');
  await expect(second.getByText(/apart from the index/)).toBeVisible();
  // Configuration 3: the index's model, other chunks, hybrid search, reranked by the fixture cross-encoder:
  // keyword search and reranking on chunks of its own.
  await step.getByRole('button', { name: 'Add configuration' }).click();
  const third = step.getByRole('listitem', { name: 'Configuration 3' });
  await third.getByRole('combobox', { name: /^Embedding model/ }).selectOption({ label: 'The index’s model (openbook/tiny-embedder)' });
  await third.getByLabel('Chunks').selectOption({ label: 'Chunked again' });
  await third.getByLabel('Chunk size').fill('200');
  await third.getByLabel('Overlap').fill('20');
  await third.getByLabel('Search').selectOption({ label: 'Hybrid' });
  await third.getByRole('checkbox', { name: 'Rerank' }).check();
  await third.getByLabel('Reranker model').fill('openbook/tiny-reranker');

  await step.getByRole('button', { name: 'Run evaluation' }).click();
  const table = step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' });
  await expect(table.getByRole('row')).toHaveCount(4, { timeout: 90_000 });
  await expect(step.getByRole('button', { name: 'Run evaluation' })).toBeEnabled();

  // Configuration 1, by hand from its drill-down (shown first): the lava question's chunk with
  // "1,200 degrees Celsius" comes second, after the volcano's opening chunk; tea and 熔岩 come first;
  // the planets are nowhere. Hit rate@4 = 3/4; MRR = (1/2 + 1 + 1 + 0) / 4 = 0.625.
  const first = await metricsOf(page, 1);
  await expect(first.row).toContainText('3 of 4');
  expect(first.hitRate).toBeCloseTo(0.75, 10);
  expect(first.mrr).toBeCloseTo(0.625, 10);
  const details = step.getByRole('table', { name: /^Questions: / });
  const ranks = details.getByTestId('first-relevant-rank');
  await expect(ranks).toHaveText(['2', '1', '1', 'none in the top 4']);
  const lavaResults = step.getByRole('list', { name: 'Results for question 1' }).getByRole('listitem');
  await expect(lavaResults).toHaveCount(4);
  await expect(lavaResults.nth(0)).toContainText('1. volcanoes.md · chunk 1');
  await expect(lavaResults.nth(0)).toContainText('not relevant');
  await expect(lavaResults.nth(1)).toContainText('2. volcanoes.md · chunk 2');
  await expect(lavaResults.nth(1)).not.toContainText('not relevant');
  await expect(step.getByRole('list', { name: 'Results for question 4' }).getByText('not relevant')).toHaveCount(4);

  // Configuration 2: its own chunks (200/20) and model. With smaller chunks the lava chunk that holds
  // "1,200 degrees Celsius" comes first: ranks 1, 1, 1, none; hit rate 3/4 and MRR 3/4, and the metrics
  // agree with the drill-down's ranks.
  const secondRow = table.getByRole('row').nth(2);
  await expect(secondRow).toContainText('openbook/tiny-embedder-1024');
  await expect(secondRow).toContainText('chunks recursive/200/20');
  await secondRow.getByRole('button', { name: 'Show questions' }).click();
  await expect(details).toContainText('tiny-embedder-1024');
  const secondRanks = (await ranks.allTextContents()).map((r) => (/^\d+$/.test(r) ? Number(r) : null));
  expect(secondRanks).toEqual([1, 1, 1, null]);
  const secondMetrics = await metricsOf(page, 2);
  expect(secondMetrics.hitRate).toBeCloseTo(secondRanks.filter((r) => r !== null).length / 4, 10);
  expect(secondMetrics.mrr).toBeCloseTo(secondRanks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / 4, 10);

  // Configuration 3: hybrid and reranked on its own chunks (a configuration whose results lack a stage's
  // scores fails with a message instead of a row), and its metrics agree with its drill-down.
  const thirdRow = table.getByRole('row').nth(3);
  await expect(thirdRow).toContainText('Hybrid, k = 4');
  await expect(thirdRow).toContainText('chunks recursive/200/20');
  await expect(thirdRow).toContainText('reranked by openbook/tiny-reranker');
  await thirdRow.getByRole('button', { name: 'Show questions' }).click();
  await expect(details).toContainText('reranked by openbook/tiny-reranker');
  const thirdRanks = (await ranks.allTextContents()).map((r) => (/^\d+$/.test(r) ? Number(r) : null));
  expect(thirdRanks).toHaveLength(4);
  expect(thirdRanks[3]).toBeNull(); // the planets are still nowhere
  const thirdMetrics = await metricsOf(page, 3);
  expect(thirdMetrics.hitRate).toBeCloseTo(thirdRanks.filter((r) => r !== null).length / 4, 10);
  expect(thirdMetrics.mrr).toBeCloseTo(thirdRanks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / 4, 10);
  expect(thirdMetrics.hitRate).toBeGreaterThan(0);

  // CSV exports: the summary, and one row per configuration and question.
  const summaryDownload = page.waitForEvent('download');
  await step.getByRole('button', { name: 'Export results (CSV)' }).click();
  const summary = await summaryDownload;
  expect(summary.suggestedFilename()).toMatch(/^openbook-evaluation-results-\d{4}-\d{2}-\d{2}\.csv$/);
  const summaryText = (await readFile((await summary.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const summaryLines = summaryText.trim().split(/\r?\n/);
  expect(summaryLines[0]).toBe('configuration,embedding_model,chunker,chunk_size,chunk_overlap,k,mode,reranker,questions,hits,hit_rate_at_k,mrr');
  expect(summaryLines[1]).toBe('1,openbook/tiny-embedder,recursive,500,50,4,vector,,4,3,0.75,0.625');
  expect(summaryLines[2]).toBe('2,openbook/tiny-embedder-1024,recursive,200,20,4,vector,,4,3,0.75,0.75');
  expect(summaryLines[3]).toMatch(/^3,openbook\/tiny-embedder,recursive,200,20,4,hybrid,openbook\/tiny-reranker,4,\d,/);

  const detailsDownload = page.waitForEvent('download');
  await step.getByRole('button', { name: 'Export per-question results (CSV)' }).click();
  const detailsText = await readFile((await (await detailsDownload).path())!, 'utf8');
  expect(detailsText.trim().split(/\r?\n/)).toHaveLength(1 + 3 * 4);
  expect(detailsText).toContain('熔岩的温度有多高？,火山.txt,一千二百摄氏度,1,1,1,');
});

test('a CSV with bad rows is refused with each row named, and the question set is kept', async ({ page }) => {
  await openApp(page);
  const step = evaluation(page);
  await step.getByRole('button', { name: 'Add question' }).click();
  await step.getByLabel('Question 1', { exact: true }).fill('Kept question');
  await step.getByLabel('Expected document (question 1)').fill('teas.txt');
  // An expected document that is not in the workspace is pointed out.
  await addFiles(page, 'tea.txt');
  await expect(step.getByRole('status').filter({ hasText: 'No document is named teas.txt' })).toBeVisible();
  await step.getByLabel('Expected document (question 1)').fill('tea.txt');
  await expect(step.getByText(/No document is named/)).toHaveCount(0);

  const csv = 'question,expected_document,expected_substring\nHow hot is lava?,volcanoes.md,\n,tea.txt,\nWhy?,,\nToo,many,fields,here\n';
  await importQuestions(page, 'bad.csv', Buffer.from(csv), 'text/csv');
  const alert = step.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported from bad.csv');
  await expect(alert).toContainText('Line 3: The question is missing.');
  await expect(alert).toContainText('Line 4: Give an expected document, an expected substring, or both.');
  await expect(alert).toContainText('Line 5: This row has 4 fields, but the header has 3.');
  await expect(step.getByLabel('Question 1', { exact: true })).toHaveValue('Kept question');
  await expect(step.getByLabel('Question 2', { exact: true })).toHaveCount(0);

  await importQuestions(page, 'no-header.csv', Buffer.from('text,document\nq,a.txt\n'), 'text/csv');
  await expect(step.getByRole('alert')).toContainText('Line 1: The header row has no “question” column.');

  // The question set survives a reload.
  await page.reload();
  await expect(evaluation(page).getByLabel('Question 1', { exact: true })).toHaveValue('Kept question');
});

test('the sample corpus ships with a question set that runs', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  await embed(page);
  const step = evaluation(page);
  await step.getByRole('button', { name: 'Use the sample question set' }).click();
  await expect(step.getByText('Loaded the sample question set (10 questions')).toBeVisible();
  await expect(step.getByLabel('Expected document (question 7)')).toHaveValue('检索增强生成简介.md');

  // The untouched default configuration became the index as it is, then keyword, LSA and LSA hybrid: the
  // ones that run with no download.
  await expect(step.getByRole('listitem', { name: /^Configuration \d+$/ })).toHaveCount(4);
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  await expect(step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row')).toHaveCount(5, { timeout: 90_000 });
  for (let n = 1; n <= 4; n++) {
    const m = await metricsOf(page, n);
    await expect(m.row).toContainText(/\d+ of 10/);
    expect(m.hitRate).toBeGreaterThanOrEqual(0);
    expect(m.hitRate).toBeLessThanOrEqual(1);
    expect(m.mrr).toBeLessThanOrEqual(m.hitRate);
  }
  await expect(step.getByRole('table', { name: /^Questions: / }).getByRole('row')).toHaveCount(11);
});

test('a run shows its progress and can be cancelled, keeping what finished', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  // The second configuration's model never finishes downloading, so the run is caught in the middle.
  await page.route('**/tiny-embedder-1024/**', () => new Promise(() => {}));
  const step = evaluation(page);
  await importQuestions(page, 'questions.jsonl', jsonl(QUESTIONS.slice(0, 2)));
  await step.getByRole('button', { name: 'Add configuration' }).click();
  await step
    .getByRole('listitem', { name: 'Configuration 2' })
    .getByLabel('Embedding model')
    .selectOption({ label: 'Tiny wide test embedder, 1024 dimensions (fixture)' });

  await step.getByRole('button', { name: 'Run evaluation' }).click();
  const progress = step.getByTestId('evaluation-progress');
  await expect(progress).toContainText('Configuration 2 of 2');
  await expect(progress).toContainText('Loading the embedding model…');
  await expect(step.getByRole('button', { name: 'Run evaluation' })).toBeDisabled();
  await step.getByRole('button', { name: 'Cancel evaluation' }).click();

  await expect(step.getByText('Evaluation cancelled.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  const rows = step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('2 of 2');
  await expect(step.getByRole('button', { name: 'Run evaluation' })).toBeEnabled();
});
