// The guided lessons (issue 13, item 1) on the sample corpus with every request to another host refused and
// no model on the site (its models/ folder answers 404): the built-in embedder, keyword search, no chat model
// and no reranker. Each lesson is completed start to finish: every step waits for the app's state to show it
// done ("Next step" stays disabled until then), and the steps that need a model explain and let the learner
// continue. Leaving a lesson, and reloading the page, keep its step; on a phone-sized screen the panel leaves
// the highlighted control usable; the Chinese UI shows the Chinese lesson. With the site's fixture chat model,
// the steps that need one pass by doing them (the comparison, the lost-in-the-middle lab).
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { chooseEngine, documentList, embed, loadFixtureChatModel, openApp as openWithFixtureModels, resultList } from './steps';
import { expectCleanPage } from './uiFlow';

// Each test goes through several lessons (and one loads a chat model): on a busy 2-core machine that can take
// over two minutes. A ceiling, not a wait: every step awaits the app's state.
test.describe.configure({ timeout: 300_000 });

/** The site serves no model (its models/ folder answers 404), as a plain offline site. */
const noSiteModels = (context: BrowserContext) => context.route(/\/models\//, (route) => route.fulfill({ status: 404, body: 'Not found' }));

const panel = (page: Page) => page.getByRole('region', { name: /^Lesson: / });
const status = (page: Page) => panel(page).getByTestId('lesson-status');
const nextButton = (page: Page) => panel(page).getByRole('button', { name: /^(Next step|Finish the lesson)$/ });

async function openApp(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Documents', exact: true })).toBeVisible();
}

async function startLesson(page: Page, title: string) {
  const list = page.locator('#lessons');
  if (!(await list.isVisible())) await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await list.getByRole('button', { name: new RegExp(`^(Start|Resume at step \\d+): ${title}$`) }).click();
  await expect(panel(page)).toHaveAccessibleName(`Lesson: ${title}`);
}

/** The step is shown, and its "next" waits for the step to be done. */
async function atStep(page: Page, n: number, total: number, doText: RegExp) {
  await expect(panel(page)).toContainText(`Step ${n} of ${total}`);
  await expect(panel(page).getByTestId('lesson-do')).toHaveText(doText);
}

async function waitingThenDone(page: Page, act: () => Promise<void>, changed?: RegExp) {
  await expect(status(page)).toHaveAttribute('data-passed', 'false');
  await expect(nextButton(page)).toBeDisabled();
  await act();
  await expect(status(page)).toHaveAttribute('data-passed', 'true', { timeout: 90_000 });
  if (changed) await expect(status(page)).toContainText(changed);
  await nextButton(page).click();
}

/** A step that is already done by an earlier lesson (documents, the index): its check passes at once. */
async function alreadyDone(page: Page, n: number, total: number) {
  await expect(panel(page)).toContainText(`Step ${n} of ${total}`);
  await expect(status(page)).toHaveAttribute('data-passed', 'true');
  await nextButton(page).click();
}

/** A step that needs a model that is not there: it says why and what it would show, and lets the learner go on. */
async function continueWithout(page: Page, explains: RegExp) {
  await expect(nextButton(page)).toBeDisabled();
  await expect(panel(page).getByTestId('lesson-without')).toContainText(explains);
  await panel(page).getByRole('button', { name: 'Continue without it' }).click();
  await expect(status(page)).toHaveAttribute('data-passed', 'true');
  await nextButton(page).click();
}

async function finished(page: Page, title: string) {
  await expect(panel(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(page.locator('#lessons').locator('li', { hasText: title })).toContainText('finished');
  await page.getByRole('button', { name: 'Close lessons' }).click();
}

async function ask(page: Page, mode: 'Vector' | 'Keyword' | 'Hybrid') {
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
}

const useQuestion = (page: Page) => panel(page).getByRole('button', { name: 'Use this question' }).click();
const firstCard = (page: Page) => resultList(page).getByRole('listitem').first();

test.describe('in the beginner view', () => {
  test.use({ viewMode: null });

  test('the open-book exam, meaning vs keywords and "vector search always returns something", start to finish', async ({ page, context }) => {
    await noSiteModels(context);
    await openApp(page);
    await expect(page.getByRole('radio', { name: 'Beginner' })).toBeChecked();

    // 1. The open-book exam.
    await startLesson(page, 'The open-book exam');
    await atStep(page, 1, 5, /Load sample corpus/);
    await expect(page.getByRole('button', { name: 'Load sample corpus' })).toHaveClass(/lesson-target/);
    await waitingThenDone(page, () => page.getByRole('button', { name: 'Load sample corpus' }).click(), /cut into chunks/);
    await atStep(page, 2, 5, /Embed and index/);
    await waitingThenDone(
      page,
      async () => {
        await page.getByRole('button', { name: 'Embed and index' }).click();
        await expect(page.getByTestId('index-summary')).toContainText('openbook/lsa', { timeout: 90_000 });
      },
      /Every chunk is now a vector/,
    );
    await atStep(page, 3, 5, /choose vector/);
    await waitingThenDone(
      page,
      async () => {
        await useQuestion(page);
        await expect(page.getByRole('textbox', { name: 'Question', exact: true })).toHaveValue('Why does retrieval-augmented generation reduce hallucination?');
        await ask(page, 'Vector');
        await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by cosine similarity/);
      },
      /cosine score/,
    );
    await atStep(page, 4, 5, /Top k/);
    await waitingThenDone(page, async () => {
      await page.getByLabel('Top k').fill('2');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
    });
    await expect(page.getByTestId('filled-prompt').locator('mark.inserted-chunk')).toHaveCount(2);
    await atStep(page, 5, 5, /Compare with and without retrieval/);
    await continueWithout(page, /No chat model is loaded/);
    await finished(page, 'The open-book exam');
    await page.getByLabel('Top k').fill('4');

    // 3. Meaning vs keywords: the rare term is found by keyword search, and missed by the built-in embedder.
    await startLesson(page, 'Meaning vs keywords');
    await alreadyDone(page, 1, 5);
    await alreadyDone(page, 2, 5);
    await atStep(page, 3, 5, /choose “Keyword” search/);
    await waitingThenDone(page, async () => {
      await useQuestion(page);
      await ask(page, 'Keyword');
      await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by BM25/);
    });
    await expect(firstCard(page)).toContainText('evaluating-retrieval.md');
    await expect(firstCard(page)).toContainText('Hybrid search');
    await atStep(page, 4, 5, /choose “Vector” search/);
    await waitingThenDone(page, async () => {
      await ask(page, 'Vector');
      await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by cosine similarity/);
    });
    await expect(firstCard(page)).toContainText('what-is-rag.md');
    await atStep(page, 5, 5, /Hybrid/);
    await waitingThenDone(page, () => ask(page, 'Hybrid'), /fuses the two ranked lists/);
    await expect(resultList(page).getByRole('listitem').filter({ hasText: 'evaluating-retrieval.md' }).first()).toBeVisible();
    await finished(page, 'Meaning vs keywords');

    // 5. Vector search always returns something; the threshold is an expert control.
    await startLesson(page, 'Vector search always returns something');
    await alreadyDone(page, 1, 5);
    await alreadyDone(page, 2, 5);
    await atStep(page, 3, 5, /do not cover/);
    await waitingThenDone(page, async () => {
      await useQuestion(page);
      await ask(page, 'Vector');
    });
    await expect(resultList(page).getByRole('listitem')).toHaveCount(4);
    await atStep(page, 4, 5, /Score threshold/);
    await expect(page.getByRole('checkbox', { name: 'Score threshold' })).toHaveCount(0);
    await panel(page).getByRole('button', { name: 'Switch to the expert view' }).click();
    await waitingThenDone(page, async () => {
      await page.getByRole('checkbox', { name: 'Score threshold' }).check();
      await page.getByLabel('Minimum score').fill('0.7');
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
    });
    await atStep(page, 5, 5, /Answer this question in step 6/);
    await continueWithout(page, /I don’t know/);
    await finished(page, 'Vector search always returns something');
    await page.getByRole('checkbox', { name: 'Score threshold' }).uncheck();
  });
});

test('chunk size matters, reranking and lost in the middle, start to finish', async ({ page, context }) => {
  await noSiteModels(context);
  await openApp(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);

  // 4. Reranking: no reranker can be loaded here; the lesson explains and completes.
  await startLesson(page, 'Reranking');
  await alreadyDone(page, 1, 3);
  await atStep(page, 2, 3, /Ask a question/);
  await waitingThenDone(page, async () => {
    await useQuestion(page);
    await ask(page, 'Keyword');
  });
  await atStep(page, 3, 3, /choose a cross-encoder/);
  await continueWithout(page, /reads the question and one candidate chunk together/);
  await finished(page, 'Reranking');

  // 6. Lost in the middle: the lab needs a chat model; the best-first-and-last option does not.
  await startLesson(page, 'Lost in the middle');
  await alreadyDone(page, 1, 4);
  await atStep(page, 2, 4, /at least 3 chunks/);
  await waitingThenDone(page, async () => {
    await useQuestion(page);
    await ask(page, 'Keyword');
  });
  await atStep(page, 3, 4, /Answer at each position/);
  await continueWithout(page, /needs a chat model/);
  await atStep(page, 4, 4, /best first and last/);
  const before = await page.getByTestId('filled-prompt').textContent();
  await waitingThenDone(page, () => page.getByRole('checkbox', { name: 'Order the context best first and last' }).check(), /reordered/);
  expect(await page.getByTestId('filled-prompt').textContent()).not.toBe(before);
  await finished(page, 'Lost in the middle');

  // 2. Chunk size matters: smaller chunks, no overlap, then hit rate at three sizes on the sample questions.
  await startLesson(page, 'Chunk size matters');
  await alreadyDone(page, 1, 4);
  const settings = page.locator('[data-lesson="chunk-settings"]');
  await atStep(page, 2, 4, /set “Chunk size” to 200/);
  await waitingThenDone(page, () => settings.getByLabel('Chunk size (characters)').fill('200'), /more, shorter chunks/);
  await atStep(page, 3, 4, /Overlap/);
  await waitingThenDone(page, () => settings.getByLabel('Overlap (characters)').fill('0'));
  await atStep(page, 4, 4, /Set up the comparison/);
  await waitingThenDone(
    page,
    async () => {
      await panel(page).getByRole('button', { name: 'Set up the comparison' }).click();
      await panel(page).getByRole('button', { name: 'Show me' }).click();
      await page.locator('#evaluation').getByRole('button', { name: 'Run evaluation' }).click();
    },
    /hit rate and MRR/,
  );
  const rows = page.locator('#evaluation').getByRole('table', { name: 'Hit rate@k and MRR per configuration' }).getByRole('row');
  await expect(rows).toHaveCount(5);
  const hitRates = await rows.locator('td[data-metric="hit-rate"]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
  expect(hitRates).toHaveLength(4);
  // The chunk size alone changes how often the answer is found (100, 300 and 1,000 characters; 300 without overlap).
  expect(hitRates.slice(0, 3)).toEqual([0.5, 0.9, 1]);
  await finished(page, 'Chunk size matters');
});

test('a lesson left, and the page reloaded, resume at their step; on a phone the control stays usable; the Chinese UI shows the Chinese lesson', async ({
  page,
  context,
}) => {
  await noSiteModels(context);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await startLesson(page, 'The open-book exam');
  await waitingThenDone(page, () => page.getByRole('button', { name: 'Load sample corpus' }).click());
  await atStep(page, 2, 5, /Embed and index/);

  // Left: the panel goes, the list offers to resume at step 2, and a reload keeps that.
  await panel(page).getByRole('button', { name: 'Leave (keeps your place)' }).click();
  await expect(panel(page)).toHaveCount(0);
  await page.reload();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  await expect(panel(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(page.locator('#lessons').locator('li', { hasText: 'The open-book exam' })).toContainText('at step 2 of 5');
  await expectCleanPage(page, 'with the lesson list open on a phone');
  await startLesson(page, 'The open-book exam');
  await atStep(page, 2, 5, /Embed and index/);

  // Reloaded while open: the same step, still waiting for the learner.
  await page.reload();
  await atStep(page, 2, 5, /Embed and index/);
  await expect(nextButton(page)).toBeDisabled();

  // On a 390 px screen, "Show me" brings the control above the lesson panel, where it can be pressed.
  await panel(page).getByRole('button', { name: 'Show me' }).click();
  const embedButton = page.getByRole('button', { name: 'Embed and index' });
  await expect(embedButton).toHaveClass(/lesson-target/);
  await expect(embedButton).toBeInViewport();
  await expectCleanPage(page, 'with a lesson step shown on a phone');
  const [target, sheet] = [await embedButton.boundingBox(), await panel(page).boundingBox()];
  expect(target!.y + target!.height).toBeLessThanOrEqual(sheet!.y);
  await embedButton.click();
  await expect(status(page)).toHaveAttribute('data-passed', 'true', { timeout: 90_000 });

  // In Chinese: the same lesson and step, in Chinese.
  await page.getByLabel('Language', { exact: true }).selectOption('zh');
  await expect(panel(page)).toHaveCount(0);
  const zhPanel = page.getByRole('region', { name: '课程：开卷考试' });
  await expect(zhPanel).toContainText('第 2 步，共 5 步');
  await expect(zhPanel.getByTestId('lesson-do')).toContainText('嵌入并建立索引');
  await expect(zhPanel.getByTestId('lesson-status')).toContainText('每个分块都变成了一个向量');
  await page.getByRole('button', { name: '课程', exact: true }).click();
  await expect(page.getByRole('heading', { name: '课程：动手学 RAG' })).toBeVisible();
  await expect(page.locator('#lessons')).toContainText('迷失在中间');
  await expectCleanPage(page, 'with the Chinese lesson list and panel on a phone');
});

test('with the site’s fixture chat model, the steps that need one are done by doing them: the comparison and the lost-in-the-middle lab', async ({ page }) => {
  await openWithFixtureModels(page);
  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  await embed(page);

  await startLesson(page, 'The open-book exam');
  await alreadyDone(page, 1, 5);
  await alreadyDone(page, 2, 5);
  await waitingThenDone(page, async () => {
    await useQuestion(page);
    await ask(page, 'Vector');
  });
  await waitingThenDone(page, async () => {
    await page.getByLabel('Top k').fill('3');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
  });
  await atStep(page, 5, 5, /Compare with and without retrieval/);
  await expect(panel(page).getByTestId('lesson-without')).toHaveCount(0);
  await waitingThenDone(page, () => page.getByRole('button', { name: 'Compare with and without retrieval' }).click(), /Side by side/);
  await finished(page, 'The open-book exam');

  await startLesson(page, 'Lost in the middle');
  await alreadyDone(page, 1, 4);
  await waitingThenDone(page, async () => {
    await useQuestion(page);
    await ask(page, 'Keyword');
  });
  await atStep(page, 3, 4, /Answer at each position/);
  await expect(panel(page).getByTestId('lesson-without')).toHaveCount(0);
  await waitingThenDone(
    page,
    async () => {
      const lab = page.locator('#lab-positions');
      // The step opened the lab when it began (its control); open it if it was not there yet.
      if (!(await lab.evaluate((d) => (d as HTMLDetailsElement).open)))
        await lab.getByText('Lost in the middle: does a chunk’s position matter?', { exact: true }).click();
      await lab.getByRole('button', { name: 'Answer at each position' }).click();
    },
    /One answer per position/,
  );
  await waitingThenDone(page, () => page.getByRole('checkbox', { name: 'Order the context best first and last' }).check());
  await finished(page, 'Lost in the middle');
});
