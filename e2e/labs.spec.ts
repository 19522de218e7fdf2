// The labs (issue 13) with the site's fixture chat model, which writes the same sentence (citing [1]) whatever
// the prompt: the lost-in-the-middle lab gives one answer per position; leave-one-out gives one answer per
// chunk left out, each marked unchanged (the honest mark for such a model), and stops when asked; the
// best-first-and-last option reorders the prompt; the "RAG or fine-tuning?" explainer's links land on their
// controls, in English and in Chinese, and say so when a control is not on screen yet.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, chooseEngine, embed, loadFixtureChatModel, openApp } from './steps';
import { FIXTURE_CHAT_ANSWER } from '../scripts/make-fixture-chat-model';

const insertedChunks = (page: Page) => page.getByTestId('filled-prompt').locator('mark.inserted-chunk').allTextContents();

/** A model loaded, two documents indexed and a question answered: the labs' starting point. */
async function answeredQuestion(page: Page) {
  await openApp(page);
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await expect(page.getByTestId('labs-needs')).toBeVisible();
  await loadFixtureChatModel(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER, { timeout: 60_000 });
  await expect(page.getByTestId('labs-needs')).toHaveCount(0);
  const chunks = await insertedChunks(page);
  expect(chunks.length).toBeGreaterThanOrEqual(3);
  return chunks;
}

/** Open the explainer and follow one of its links. */
async function follow(page: Page, title: string, link: string) {
  const explainer = page.locator('#rag-or-fine-tuning');
  if (!(await explainer.evaluate((d) => (d as HTMLDetailsElement).open))) await explainer.getByText(title, { exact: true }).click();
  await explainer.getByRole('link', { name: link }).click();
}

test('the lost-in-the-middle lab answers once per position, leave-one-out once per chunk left out; both stop when asked', async ({ page }) => {
  const chunks = await answeredQuestion(page);
  const k = chunks.length;
  const filledPrompt = (await page.getByTestId('filled-prompt').textContent())!;

  // Lost in the middle: the top chunk (the default) first, in the middle and last; one answer each.
  // Each lab is folded until opened.
  const positions = page.locator('#lab-positions');
  await expect(positions.getByRole('button', { name: 'Answer at each position' })).toBeHidden();
  await positions.getByText('Lost in the middle: does a chunk’s position matter?', { exact: true }).click();
  await expect(positions.getByLabel('Chunk that holds the answer').locator('option')).toHaveCount(k);
  await expect(positions.getByLabel('Chunk that holds the answer')).toHaveValue('0');
  await positions.getByRole('button', { name: 'Answer at each position' }).click();
  const answers = positions.getByRole('region', { name: 'Answers by position of the chosen chunk' });
  await expect(positions.getByTestId('positions-progress')).toContainText('3 of 3 answers', { timeout: 60_000 });
  await expect(answers.getByRole('region')).toHaveCount(3);
  const middle = Math.floor((k - 1) / 2) + 1;
  for (const [position, label, n] of [
    ['first', 'First', 1],
    ['middle', 'In the middle', middle],
    ['last', 'Last', k],
  ] as const) {
    const pane = answers.getByRole('region', { name: label });
    await expect(pane.getByTestId(`position-${position}-text`)).toHaveText(FIXTURE_CHAT_ANSWER);
    await expect(pane).toContainText(`The chosen chunk is [${n}] of ${k}.`);
    await expect(pane).toContainText('Cites [1]');
    // The prompt each was answered from: the chosen chunk at its place, the others in their order.
    const prompt = (await pane.locator('pre').textContent())!;
    expect(prompt.indexOf(chunks[0]!)).toBeGreaterThan(-1);
    const order = chunks.map((c) => prompt.indexOf(c));
    const others = order.slice(1);
    expect(others).toEqual([...others].sort((a, b) => a - b));
    expect(order.filter((at) => at < order[0]!).length).toBe(n - 1);
    if (position === 'first') expect(prompt).toBe(filledPrompt);
    else await expect(pane.getByTestId(`position-${position}-change`)).toHaveText('Same answer as with the chunk first.');
  }

  // Leave-one-out: it says what it costs, then answers k + 1 times; this model's answer never changes.
  const loo = page.locator('#lab-leave-one-out');
  await loo.getByText('Which chunk did the answer use?', { exact: true }).click();
  await expect(loo.getByTestId('leave-one-out-cost')).toContainText(`This costs ${k} extra answers`);
  await loo.getByRole('button', { name: `Run leave-one-out (${k + 1} answers)` }).click();
  await expect(loo.getByTestId('leave-one-out-summary')).toHaveText(/No removal changed the answer/, { timeout: 60_000 });
  await expect(loo.getByTestId('leave-one-out-progress')).toContainText(`${k + 1} of ${k + 1} answers`);
  await expect(loo.getByTestId('leave-one-out-full')).toHaveText(FIXTURE_CHAT_ANSWER);
  const rows = loo.getByTestId('leave-one-out-row');
  await expect(rows).toHaveCount(k);
  for (let i = 0; i < k; i++) {
    const row = rows.nth(i);
    await expect(row.getByRole('rowheader')).toContainText(`[${i + 1}]`);
    await expect(row.getByTestId(`leave-one-out-answer-${i + 1}`)).toHaveText(FIXTURE_CHAT_ANSWER);
    await expect(row.getByTestId('leave-one-out-change')).toHaveText('Unchanged');
    // The model's own citation: the full answer cites [1] only.
    await expect(row.getByTestId('leave-one-out-cited')).toHaveText(i === 0 ? 'Cited' : 'Not cited');
    // The chunk left out is not in its prompt; the others keep their numbers.
    const prompt = (await row.locator('pre').textContent())!;
    expect(prompt).not.toContain(chunks[i]!);
    expect(prompt).not.toContain(`[${i + 1}] (`);
    for (let j = 0; j < k; j++) if (j !== i) expect(prompt).toContain(`[${j + 1}] (`);
  }

  // Stop: the answer in progress stops and the others are skipped (the app holds the first answer after its
  // first token, a test hook, so that Stop lands part-way however fast this machine answers).
  await page.evaluate(() => {
    (window.__openbookTest ??= {}).hold = ['answer-first-token'];
  });
  await loo.getByRole('button', { name: `Run leave-one-out (${k + 1} answers)` }).click();
  await page.waitForFunction(() => !!document.querySelector('[data-testid="leave-one-out-full"][aria-busy="true"]')?.textContent);
  // The answer of step 6 is not the one being written.
  await expect(page.getByTestId('answer-text')).toHaveAttribute('aria-busy', 'false');
  await loo.getByTestId('leave-one-out-progress').getByRole('button', { name: 'Stop' }).click();
  await page.evaluate(() => window.__openbookTest?.release?.('answer-first-token'));
  await expect(loo.getByTestId('leave-one-out-progress')).toContainText(`1 of ${k + 1} answers`);
  await expect(loo).toContainText('Stopped before the end.');
  await expect(loo.getByTestId('leave-one-out-change')).toHaveText(Array(k).fill('Not answered'));
  await expect(loo.getByTestId('leave-one-out-answer-1-status')).toHaveText('Not generated: stopped before its turn.');
  await expect(loo.getByTestId('leave-one-out-summary')).toHaveCount(0);
  // Stopping the lab stopped none of step 6's own answer.
  await expect(page.getByTestId('answer-text')).toHaveText(FIXTURE_CHAT_ANSWER);
  await expect(page.getByTestId('answer-stopped')).toHaveCount(0);
  await expect(loo.getByRole('button', { name: `Run leave-one-out (${k + 1} answers)` })).toBeEnabled();

  // The explainer's links that need an answer land on their controls now.
  const title = 'RAG or fine-tuning? Six questions';
  await follow(page, title, 'Compare answers with and without retrieval');
  await expect(page.locator('#compare-answers')).toBeFocused();
  await follow(page, title, 'See the answer and its citations');
  await expect(page.getByTestId('answer-text')).toBeFocused();
  await follow(page, title, 'See the prompt as sent');
  await expect(page.getByTestId('filled-prompt')).toBeFocused();
});

test('ordering the context best first and last puts the weakest chunks in the middle of the prompt', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await askQuestion(page, 'How hot is lava?');
  const option = page.getByRole('checkbox', { name: 'Order the context best first and last' });
  await expect(option).not.toBeChecked();
  const ranked = await insertedChunks(page);
  expect(ranked.length).toBeGreaterThanOrEqual(3);
  await option.check();
  const expected = [...ranked.filter((_, i) => i % 2 === 0), ...ranked.filter((_, i) => i % 2 === 1).reverse()];
  await expect.poll(() => insertedChunks(page)).toEqual(expected);
  await option.uncheck();
  await expect.poll(() => insertedChunks(page)).toEqual(ranked);
});

test('the "RAG or fine-tuning?" explainer: six questions whose links land on their controls, in English and Chinese', async ({ page }) => {
  await openApp(page);
  const explainer = page.locator('#rag-or-fine-tuning');
  const title = 'RAG or fine-tuning? Six questions';
  await explainer.getByText(title, { exact: true }).click();
  await expect(explainer.getByRole('listitem')).toHaveCount(6);
  await expect(explainer).toContainText('Does the application need external or private data at answer time?');

  await follow(page, title, 'Add a document');
  await expect(page.locator('#choose-files')).toBeFocused();
  await follow(page, title, 'Edit the prompt template');
  await expect(page.getByRole('textbox', { name: 'Prompt template' })).toBeFocused();
  await follow(page, title, 'Write questions to evaluate retrieval');
  await expect(page.locator('#add-evaluation-question')).toBeFocused();
  // Before a question, there is no filled prompt and no answer, and no model to compare with: it says so.
  await follow(page, title, 'See the prompt as sent');
  await expect(page.getByTestId('explainer-transparency').getByRole('status')).toHaveText(
    'Not available here yet: ask a question (step 4): the filled prompt appears in step 5.',
  );
  await follow(page, title, 'Compare answers with and without retrieval');
  await expect(page.getByTestId('explainer-data').getByRole('status')).toContainText('load a chat model (step 6)');

  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  const zhTitle = '用 RAG 还是微调？六个问题';
  await expect(explainer.getByText(zhTitle, { exact: true })).toBeVisible();
  await expect(explainer).toContainText('应用在回答时需要外部数据或私有数据吗？');
  await follow(page, zhTitle, '添加文档');
  await expect(page.locator('#choose-files')).toBeFocused();
  await follow(page, zhTitle, '编辑提示词模板');
  await expect(page.locator('#prompt-template')).toBeFocused();
  await follow(page, zhTitle, '查看实际发送的提示词');
  await expect(page.getByTestId('explainer-transparency').getByRole('status')).toContainText('暂时无法跳转');
});
