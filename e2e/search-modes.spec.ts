// Search modes (vector / keyword / hybrid), the scores each result card shows and why it is there, and a document filter
// applied inside retrieval, driven as a person would.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { addFiles, askQuestion, embed, filesRead, openApp, resultList, scores } from './steps';

async function ask(page: Page, question: string, rankedBy: RegExp) {
  const table = await askQuestion(page, question);
  await expect(page.getByTestId('ranked-by')).toHaveText(rankedBy);
  return table;
}

/** The score of this stage in every result card (its words and range, then the value). */
const stageScores = (page: Page, stage: string) => resultList(page).locator(`.result-score[data-stage="${stage}"]`);
const whyHere = (page: Page) => resultList(page).getByTestId('why-here');
const PLACE = String.raw`\d+(st|nd|rd|th)`;

test('vector, keyword and hybrid search show their own scores and why each result is there', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);

  // Vector search: cosine similarity only.
  await expect(page.getByRole('radio', { name: /^Vector/ })).toBeChecked();
  const table = await ask(page, 'How hot is lava when it erupts?', /^Ranked by cosine similarity \(−1 to 1\)\.$/);
  await expect(stageScores(page, 'cosine').first()).toHaveText(/^cosine similarity \(−1 to 1\) -?\d\.\d{3} \(ranks the list\)$/);
  await expect(stageScores(page, 'bm25')).toHaveCount(0);
  await expect(whyHere(page).first()).toHaveText(/^Why here: 1st by meaning$/);
  for (const s of await scores(page)) expect(Math.abs(s)).toBeLessThanOrEqual(1);

  // Keyword search: BM25 only; the question is not embedded.
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  await ask(page, 'lava temperature degrees', /^Ranked by BM25 score \(0 or more, no upper bound\)\.$/);
  await expect(stageScores(page, 'bm25').first()).toHaveText(/^BM25 score \(0 or more, no upper bound\) \d+\.\d{3} \(ranks the list\)$/);
  await expect(stageScores(page, 'cosine')).toHaveCount(0);
  await expect(whyHere(page).first()).toHaveText(/^Why here: 1st by keywords$/);
  await expect(page.getByTestId('retrieval-timing')).toContainText('keyword search');
  await expect(page.getByTestId('retrieval-timing')).not.toContainText('question embedded');
  await expect(table.getByRole('listitem').nth(0)).toContainText('volcanoes.md');
  const bm25 = await scores(page);
  expect(bm25[0]!).toBeGreaterThan(0);
  expect([...bm25].sort((a, b) => b - a)).toEqual(bm25);

  // Hybrid with RRF: cosine, BM25 and the fused score, and each chunk's rank at every stage in words.
  await page.getByRole('radio', { name: /^Hybrid/ }).check();
  await expect(page.getByLabel('Fusion')).toHaveValue('rrf');
  await ask(page, 'How hot is lava when it erupts?', /^Ranked by RRF score \(0 to 0\.033\)\.$/);
  await expect(stageScores(page, 'cosine').first()).toHaveText(/^cosine similarity \(−1 to 1\) (-?\d\.\d{3}|— \(not in this search’s top \d+\))$/);
  await expect(stageScores(page, 'bm25').first()).toHaveText(/^BM25 score \(0 or more, no upper bound\) (\d+\.\d{3}|— \(not in this search’s top \d+\))$/);
  await expect(stageScores(page, 'fused').first()).toHaveText(/^RRF score \(0 to 0\.033\) 0\.0\d{3} \(ranks the list\)$/);
  const moves = whyHere(page);
  await expect(moves.first()).toHaveText(
    new RegExp(`^Why here: (${PLACE} by meaning|not in the top \\d+ by meaning), (${PLACE} by keywords|not in the top \\d+ by keywords) → 1st after fusion$`),
  );
  for (const s of await scores(page)) expect(s).toBeLessThanOrEqual(2 / 61 + 1e-9);

  // Weighted fusion, and MMR on top: its rank is one more stage.
  await page.getByLabel('Fusion').selectOption('weighted');
  await page.getByRole('checkbox', { name: 'Diversify (MMR)' }).check();
  await ask(page, 'How hot is lava when it erupts?', /^Ranked by weighted score \(0 to 1\), then reordered by MMR \(λ = 0\.50\)\.$/);
  await expect(stageScores(page, 'fused').first()).toHaveText(/^weighted score \(0 to 1\) \d\.\d{3} \(ranks the list\)$/);
  await expect(moves.first()).toHaveText(
    new RegExp(`→ ${PLACE} after fusion → (moved (up|down) \\d+ places? by MMR \\(diversity\\), to 1st|stayed 1st after MMR \\(diversity\\))$`),
  );
  for (const s of await scores(page)) expect(s).toBeGreaterThanOrEqual(0), expect(s).toBeLessThanOrEqual(1);

  // The settings outlive a reload.
  await page.reload();
  await expect(page.getByRole('radio', { name: /^Hybrid/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Diversify (MMR)' })).toBeChecked();
});

test('a query limited to one document returns k chunks of that document only', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await page.getByLabel('Top k').fill('3');

  await page.getByText('Filter: all documents').click();
  await page.getByRole('checkbox', { name: 'volcanoes.md' }).uncheck();
  await expect(page.getByText('Filter: 1 of 2 documents')).toBeVisible();

  // A question about lava, asked of the tea document only.
  for (const mode of [/^Vector/, /^Hybrid/]) {
    await page.getByRole('radio', { name: mode }).check();
    const table = await askQuestion(page, 'How hot is lava when it erupts?');
    const rows = table.getByRole('listitem');
    await expect(rows).toHaveCount(3); // k = 3 chunks
    for (let i = 0; i < 3; i++) await expect(rows.nth(i)).toContainText('tea.txt');
    await expect(page.getByTestId('retrieval-timing')).toContainText(/\d+ chunks passed the filter/);
  }

  // No document at all: said plainly.
  await page.getByRole('checkbox', { name: 'tea.txt' }).uncheck();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The filter excludes every document');
});

test('keyword search finds Chinese text by its words', async ({ page }) => {
  await openApp(page);
  await addFiles(page, '火山.txt', 'tea.txt');
  await embed(page);
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  const table = await askQuestion(page, '熔岩的温度有多高？');
  await expect(table.getByRole('listitem').nth(0)).toContainText('火山.txt');
  await expect(table.getByRole('listitem').nth(0).locator('.result-text')).toContainText('熔岩');
});

test('a large document’s keyword index is tokenised by several workers and finds words in English and Chinese', async ({ page }) => {
  // ~300k characters of English and Chinese paragraphs (over the size at which tokeniser workers share the
  // build), with one rare English word and one Chinese phrase, each in a single paragraph far apart.
  const english = ['Lava flows downhill and cools into basalt.', 'Green tea is steamed soon after picking.', 'Rivers carve valleys over long ages.'];
  const chinese = ['熔岩沿着山坡流下，冷却后变成玄武岩。', '绿茶在采摘后不久就要蒸青。', '河流经过漫长的岁月切割出山谷。'];
  const paragraphs = Array.from({ length: 2400 }, (_, i) => `${english[i % 3]} Paragraph ${i}. ${chinese[(i + 1) % 3]}第${i}段。`);
  paragraphs[700] += ' The zanzibarite crystal glows.';
  paragraphs[1900] += '翡翠鸟巢藏在悬崖上。';
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await openApp(page);
  await page.getByLabel('Choose files').setInputFiles({ name: 'large.txt', mimeType: 'text/plain', buffer: Buffer.from(paragraphs.join('\n\n')) });
  await filesRead(page);
  await embed(page);
  await page.getByRole('radio', { name: /^Keyword/ }).check();

  for (const [question, expected] of [
    ['Where is zanzibarite found?', 'zanzibarite'],
    ['翡翠鸟巢在哪里？', '翡翠鸟巢'],
  ] as const) {
    const table = await askQuestion(page, question);
    await expect(table.getByRole('listitem').nth(0).locator('.result-text')).toContainText(expected);
  }
  expect(workers.filter((url) => /tokenizer\.worker/.test(url)).length, workers.join('\n')).toBeGreaterThan(0);
});
