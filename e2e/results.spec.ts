// Step 4's results as a reader meets them: after a hybrid search with reranking, at a desktop and a phone
// width, in English and Chinese, the top result's whole text is on screen (no nested scroll box, nothing
// clipped, nothing wider than the page), with its scores in words and its "why here" line, and no raw
// translation key anywhere. Also: what each mode says about itself (no "embedding.engine.null").
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, embed, openApp } from './steps';

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Hybrid search with the fixture cross-encoder reranking the candidates. */
async function hybridWithRerank(page: Page) {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt', '火山.txt');
  await embed(page);
  await page.getByRole('radio', { name: /^Hybrid/ }).check();
  await page.getByText('Reranking: none').click();
  await page.getByRole('radio', { name: /Tiny test reranker/ }).check();
  await page.getByLabel('Run the reranker on').selectOption({ label: 'WASM' });
}

/** The top card's text: whole, in no scroll box, inside the page's width, and brought into view whole. */
async function expectTopTextReadable(page: Page, results: Locator) {
  const card = results.getByRole('listitem').first();
  const text = card.locator('.result-text');
  await text.scrollIntoViewIfNeeded();
  const box = await text.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // No ancestor (up to the page) clips it or scrolls it on its own.
    let clippedBy = '';
    for (let p: HTMLElement | null = el as HTMLElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (p.scrollHeight > p.clientHeight + 1 && /(auto|scroll|hidden)/.test(style.overflowY)) clippedBy ||= `${p.tagName}.${p.className}`;
      if (p.scrollWidth > p.clientWidth + 1 && /(auto|scroll|hidden)/.test(style.overflowX)) clippedBy ||= `${p.tagName}.${p.className} (x)`;
    }
    return {
      left: r.left,
      right: r.right,
      height: r.height,
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      innerWidth: window.innerWidth,
      clippedBy,
      chars: (el.textContent ?? '').length,
    };
  });
  expect(box.chars).toBeGreaterThan(40);
  expect(box.scrollHeight).toBeLessThanOrEqual(box.clientHeight + 1);
  expect(box.clippedBy).toBe('');
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(box.innerWidth);
  // A text column, not a sliver (the old table gave Chinese text 4 characters): most of the page's width.
  expect(box.right - box.left).toBeGreaterThan(Math.min(500, box.innerWidth * 0.6));
  // Nothing on the page scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(box.innerWidth);
}

/** No raw translation key (dotted lower-case words such as embedding.engine.null) in the page's text. */
async function expectNoRawKeys(page: Page) {
  const body = (await page.locator('body').allInnerTexts()).join('\n');
  const keys = body.match(/\b[a-z][a-zA-Z]+(\.[a-zA-Z-]+)+\b/g) ?? [];
  // File names and model ids are not keys.
  const real = keys.filter((k) => !/\.(md|txt|pdf|docx|html|json|onnx|zip|csv|jsonl|parquet|sql)$/.test(k) && !/^(transformers\.js|e\.g|i\.e)$/.test(k));
  expect(real).toEqual([]);
}

for (const size of SIZES) {
  test(`after a hybrid search with reranking the top result reads whole, in English and Chinese (${size.name})`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await hybridWithRerank(page);
    const results = await askQuestion(page, 'How hot is lava when a volcano erupts?');
    const top = results.getByRole('listitem').first();

    // English: the scores in words with their ranges, the why-here line, the terms marked.
    await expect(top.locator('.result-score[data-stage="cosine"]')).toContainText('cosine similarity (−1 to 1)');
    await expect(top.locator('.result-score[data-stage="bm25"]')).toContainText('BM25 score (0 or more, no upper bound)');
    await expect(top.locator('.result-score[data-stage="fused"]')).toContainText('RRF score (0 to 0.033)');
    await expect(top.locator('.result-score[data-stage="rerank"]')).toContainText('rerank score (0 to 1)');
    await expect(top.locator('.result-score[data-stage="rerank"]')).toContainText('(ranks the list)');
    await expect(top.getByTestId('why-here')).toHaveText(
      /^Why here: (\d+(st|nd|rd|th) by meaning|not in the top \d+ by meaning), (\d+(st|nd|rd|th) by keywords|not in the top \d+ by keywords) → \d+(st|nd|rd|th) after fusion → (moved (up|down) \d+ places? by reranking, to 1st|stayed 1st after reranking)$/,
    );
    await expect(top.locator('.result-text mark').first()).toBeVisible();
    await expect(top.locator('.result-text mark').first()).toHaveText(/^(lava|hot|volcano|erupts|how|is|when|a)$/i);
    for (const card of await results.getByRole('listitem').all()) await expect(card.getByTestId('why-here')).toBeVisible();
    await expect(page.getByTestId('retrieval-timing')).toContainText(/fusion and reranking [\d.]+ m?s/);
    await expectTopTextReadable(page, results);
    await expectNoRawKeys(page);

    // Chinese: the same results in the Chinese interface, then a Chinese question.
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
    const zhTop = page
      .getByRole('list', { name: /^为“How hot is lava when a volcano erupts\?”取回的分块/ })
      .getByRole('listitem')
      .first();
    await expect(zhTop.getByTestId('why-here')).toHaveText(/^为何在此：.*融合后排第 \d+ → 重排序后(上升|下降) \d+ 位，排第 1$|^为何在此：.*重排序后仍排第 1$/);
    await expect(zhTop.locator('.result-score[data-stage="cosine"]')).toContainText('余弦相似度（−1 到 1）');
    await expect(zhTop.locator('.result-score[data-stage="rerank"]')).toContainText('重排序分数（0 到 1）');
    await page.getByRole('textbox', { name: '问题', exact: true }).fill('熔岩的温度有多高？');
    await page.getByRole('button', { name: '提问', exact: true }).click();
    const zhResults = page.getByRole('list', { name: /^为“熔岩的温度有多高？”取回的分块/ });
    await expect(zhResults).toBeVisible();
    await expect(zhResults.getByRole('listitem').first().locator('.result-text mark').first()).toBeVisible();
    await expect(zhResults.getByRole('listitem').first().getByTestId('why-here')).toContainText('为何在此：按语义');
    await expectTopTextReadable(page, zhResults);
    await expectNoRawKeys(page);
  });
}

test('each mode says what it did: no vector index in keyword mode, the order that goes to the prompt, no raw keys', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);

  // Keyword search: no vector engine answered, the question is not embedded, and without reranking the
  // keyword order goes to the prompt.
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  await expect(
    page.getByText('Retrieval: the chunks that share the most (and the rarest) words with the question come back; no model is needed.'),
  ).toBeVisible();
  await expect(page.getByText('the keyword search’s order goes to the prompt')).toBeAttached();
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('engine-answer')).toHaveText('Keyword search alone uses no vector index.');
  await expect(page.locator('body')).not.toContainText('embedding.engine');
  await expect(page.getByTestId('why-here').first()).toHaveText('Why here: 1st by keywords');

  // Hybrid: both searches ran; the fused order goes to the prompt.
  await page.getByRole('radio', { name: /^Hybrid/ }).check();
  await expect(page.getByText('the fused order of both searches goes to the prompt')).toBeAttached();
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('engine-answer')).toHaveText(/^Answered by exact scan in [\d.]+ ms\.$/);
  await expect(page.getByTestId('retrieval-timing')).toContainText(/fusion [\d.]+ m?s/);
  await expect(page.getByTestId('retrieval-timing')).not.toContainText('MMR');

  // In Chinese too.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await page.getByRole('radio', { name: /^关键词/ }).check();
  await page.getByRole('button', { name: '提问', exact: true }).click();
  await expect(page.getByTestId('engine-answer')).toHaveText('仅用关键词检索时不使用向量索引。');
  await expectNoRawKeys(page);
});
