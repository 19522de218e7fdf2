// Reranking with the site's fixture cross-encoder (openbook/tiny-reranker). Its score is predictable:
// sigmoid(2k - 3) for k distinct content words of the question that the chunk also contains
// (scripts/make-fixture-reranker.ts). The tiny embedder ranks by topic instead, so the two orders differ.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { askQuestion, documentList, embed, openApp, resultList } from './steps';

const QUESTION = 'How hot is lava when a volcano erupts?';
/** Four one-chunk documents; the comment gives the question's content words each one shares. */
const DOCUMENTS = [
  ['Rocks', 'Magma, craters, volcanoes, mountains and molten rock.'], // none (volcanoes is not volcano)
  ['Lava', 'Lava is hot.'], // lava, hot
  ['Eruption and tea', 'When a volcano erupts, hot lava flows. Tea, green tea leaves, a teapot and a cup of water.'], // all four
  ['Tea', 'Green tea is brewed in a teapot.'], // none
] as const;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const expected = (k: number) => sigmoid(2 * k - 3);

async function pasteDocuments(page: Page) {
  for (const [title, text] of DOCUMENTS) {
    await page.getByRole('button', { name: 'Paste text' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Text', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(documentList(page)).toContainText(title);
  }
}

async function chooseFixtureReranker(page: Page, device: 'WASM' | 'WebGPU', candidates = 4) {
  await page.getByText('Reranking: none').click(); // unfold the settings
  await page.getByRole('radio', { name: /Tiny test reranker/ }).check();
  await expect(page.getByText('Reranking: Tiny test reranker (fixture)')).toBeVisible();
  await page.getByLabel('Candidates per retriever (N)').fill(String(candidates));
  await page.getByLabel('Run the reranker on').selectOption({ label: device });
  await expect(page.getByTestId('rerank-status')).toHaveText('The model is loaded when you next ask a question.');
}

/**
 * The result cards as { document, rerank score, rank move } per card, top to bottom. The score is the one
 * shown in the card's rerank score; the move, read from its "why here" line, is reduced to its arrow and
 * distance ("↑2", "↓1", "=").
 */
async function rerankedRows(page: Page) {
  const cards = resultList(page).getByRole('listitem');
  const out: { doc: string; score: number; move: string }[] = [];
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    const why = (await card.getByTestId('why-here').textContent()) ?? '';
    const moved = why.match(/moved (up|down) (\d+) places? by reranking/);
    out.push({
      doc: ((await card.locator('.result-doc').textContent()) ?? '').trim(),
      score: Number(((await card.locator('.result-score[data-stage="rerank"] .score-value').textContent()) ?? '').match(/\d+\.\d+/)?.[0]),
      move: moved ? `${moved[1] === 'up' ? '↑' : '↓'}${moved[2]}` : /stayed \S+ after reranking/.test(why) ? '=' : why,
    });
  }
  return out;
}

async function setUp(page: Page, device: 'WASM' | 'WebGPU') {
  await openApp(page);
  await pasteDocuments(page);
  await embed(page, device);
  await page.getByLabel('Top k').fill('2');
}

test('the fixture reranker reorders the candidates by shared words; the top k go to the prompt', async ({ page }) => {
  await setUp(page, 'WASM');

  // Without reranking: the vector order, top 2, no rerank scores.
  const plain = await askQuestion(page, QUESTION);
  await expect(plain.getByRole('listitem').nth(0)).toContainText('Lava');
  await expect(plain.getByRole('listitem').nth(1)).toContainText('Rocks');
  await expect(plain.locator('.result-score[data-stage="rerank"]')).toHaveCount(0);

  await chooseFixtureReranker(page, 'WASM');
  const table = await askQuestion(page, QUESTION);
  await expect(table.locator('.result-score[data-stage="rerank"]').first()).toHaveText(/^rerank score \(0 to 1\) 0\.\d{3} \(ranks the list\)$/);
  await expect(table.getByRole('listitem').nth(0)).toContainText('Eruption and tea');

  // "Eruption and tea" was third in the vector order, outside the top 2; the cross-encoder puts it first.
  const rows = await rerankedRows(page);
  expect(rows.map((r) => [r.doc, r.move])).toEqual([
    ['Eruption and tea', '↑2'],
    ['Lava', '↓1'],
  ]);
  expect(rows[0]!.score).toBeCloseTo(expected(4), 2); // 0.993 as shown
  expect(rows[1]!.score).toBeCloseTo(expected(2), 2); // 0.731
  // The cosine similarity still shows the vector stage's own score.
  await expect(table.getByRole('listitem').nth(0).locator('.result-score[data-stage="cosine"] .score-value')).toHaveText(/^0\.5\d\d$/); // 0.516

  await expect(page.getByTestId('rerank-status')).toHaveText('Loaded: openbook/tiny-reranker on WASM');
  await expect(page.getByTestId('rerank-speed')).toContainText(/^Reranked 4 candidates in .* per candidate\) on WASM\.$/);
  // The reranked top chunk is the first one in the prompt.
  await expect(page.getByTestId('filled-prompt').locator('mark.inserted-chunk').first()).toContainText('When a volcano erupts');

  // All four candidates, in the reranker's order: ties (no shared word) keep the vector order.
  await page.getByLabel('Top k').fill('4');
  await askQuestion(page, QUESTION);
  await expect(resultList(page).getByRole('listitem')).toHaveCount(4);
  const all = await rerankedRows(page);
  expect(all.map((r) => [r.doc, r.move])).toEqual([
    ['Eruption and tea', '↑2'],
    ['Lava', '↓1'],
    ['Rocks', '↓1'],
    ['Tea', '='],
  ]);
  expect(all.map((r) => r.score)).toEqual([expected(4), expected(2), expected(0), expected(0)].map((s) => expect.closeTo(s, 2)));

  // The choice outlives a reload.
  await page.reload();
  await page.getByText('Reranking: Tiny test reranker (fixture)').click();
  await expect(page.getByRole('radio', { name: /Tiny test reranker/ })).toBeChecked();
  await expect(page.getByLabel('Candidates per retriever (N)')).toHaveValue('4');

  // Back to no reranking: the vector order again.
  await page.getByRole('radio', { name: 'No reranking' }).check();
  await page.getByLabel('Top k').fill('2');
  const again = await askQuestion(page, QUESTION);
  await expect(again.getByRole('listitem').nth(0)).toContainText('Lava');
  await expect(again.locator('.result-score[data-stage="rerank"]')).toHaveCount(0);
});

test('loading the reranker shows its download and can be cancelled; the next question loads it afresh', async ({ page }) => {
  await setUp(page, 'WASM');
  await chooseFixtureReranker(page, 'WASM');
  // Hold the cross-encoder's weights, as a slow network would, until Cancel has been pressed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  await page.route('**/models/openbook/tiny-reranker/onnx/model.onnx', async (route) => {
    // transformers.js first asks the file's size (a request whose body it does not read): let that
    // through, and hold the download itself.
    if (requests++ > 0) await held;
    await route.continue().catch(() => undefined); // the cancelled worker is gone; its request with it
  });

  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const progress = page.getByTestId('rerank-progress');
  await expect(progress.getByRole('progressbar', { name: 'Downloading tokenizer.json' })).toBeVisible();
  await expect(progress.getByText(/KB, done/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Cancel reranking' }).click();
  await expect(page.getByRole('alert')).toContainText('Reranking was cancelled, so this question has no results.');
  await expect(progress).toHaveCount(0);
  release();
  await page.unroute('**/models/openbook/tiny-reranker/onnx/model.onnx');

  const table = await askQuestion(page, QUESTION);
  await expect(table.getByRole('listitem').nth(0)).toContainText('Eruption and tea');
  await expect(page.getByTestId('rerank-status')).toHaveText('Loaded: openbook/tiny-reranker on WASM');
});

test('the reranker runs on WebGPU (SwiftShader) with the same order @webgpu', async ({ page }) => {
  await setUp(page, 'WebGPU');
  await chooseFixtureReranker(page, 'WebGPU');
  await askQuestion(page, QUESTION);
  await expect(page.getByTestId('rerank-status')).toHaveText('Loaded: openbook/tiny-reranker on WebGPU', { timeout: 90_000 });
  const rows = await rerankedRows(page);
  expect(rows.map((r) => r.doc)).toEqual(['Eruption and tea', 'Lava']);
  expect(rows[0]!.score).toBeCloseTo(expected(4), 3);
});
