// Issue 12 (items 1, 2, 6, 7): one path with a stepper, beginner and expert views, and the keyboard.
// From a first visit (the beginner view, as a new user sees it).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loadSample, openIn, railStep, searchIn } from './uiFlow';

test.use({ viewMode: null });

const states = (page: Page) =>
  page
    .locator('.step-rail [data-state]')
    .evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.getAttribute('data-step'), li.getAttribute('data-state')])));

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the stepper shows each step’s state, says what to do next, and jumps to a step (390 × 844)', async ({ page }) => {
    const L = await openIn(page, 'en');
    const rail = page.getByRole('navigation', { name: L.uipath.railLabel });
    const hint = rail.getByTestId('next-hint');
    expect(await states(page)).toEqual({
      documents: 'action',
      chunks: 'waiting',
      embedding: 'waiting',
      ask: 'waiting',
      prompt: 'waiting',
      generation: 'waiting',
    });
    await expect(hint).toHaveText(`${L.uipath.nextLabel} ${L.uipath.next.documents}`);
    // The same hint sits at the top of the step to act on.
    await expect(page.getByRole('region', { name: L.documents.title }).getByTestId('next-hint')).toBeVisible();

    await loadSample(page, L);
    expect(await states(page)).toMatchObject({ documents: 'done', chunks: 'done', embedding: 'action', ask: 'action', prompt: 'waiting' });
    await expect(hint).toHaveText(`${L.uipath.nextLabel} ${L.uipath.next.embedding}`);

    // Ask is one tap away: the stepper jumps to it and puts the focus on its heading.
    await rail.getByRole('link', { name: /^4\. Retrieve/ }).tap();
    const askHeading = page.getByRole('heading', { name: L.ask.title, exact: true });
    await expect(askHeading).toBeFocused();
    await expect(askHeading).toBeInViewport();

    // A vector search before any embedding fails: the step says so, and the hint points at it.
    await page.getByRole('radio', { name: /^Vector/ }).check();
    await page.getByRole('textbox', { name: L.ask.question, exact: true }).fill('What is a chunk?');
    await page.getByRole('button', { name: L.ask.submit, exact: true }).tap();
    await expect(railStep(page, 'ask')).toHaveAttribute('data-state', 'failed');
    await expect(rail.getByRole('link', { name: '4. Retrieve: failed' })).toBeVisible();
    await expect(hint).toHaveText(`${L.uipath.nextLabel} Retrieve failed: read the message in step 4.`);

    // A keyword search needs no embedding: retrieval and the prompt are done, generation is next.
    await searchIn(page, L, 'keyword', 'chunk overlap');
    expect(await states(page)).toMatchObject({ ask: 'done', prompt: 'done', generation: 'action' });
    await expect(hint).toHaveText(`${L.uipath.nextLabel} ${L.uipath.next.generation}`);
    await expect(rail.getByRole('link', { name: '6. Generate: needs action' })).toHaveAttribute('aria-current', 'step');
  });
});

test('beginner view by default; switching views hides expert controls without changing them, and the choice is kept', async ({ page }) => {
  const L = await openIn(page, 'en');
  const beginner = page.getByRole('radio', { name: L.uipath.view.beginner, exact: true });
  const expert = page.getByRole('radio', { name: L.uipath.view.expert, exact: true });
  const candidates = page.getByLabel(L.search.candidates);
  const mmr = page.getByRole('checkbox', { name: L.search.mmr });
  await expect(beginner).toBeChecked();
  for (const expertControl of [candidates, mmr, page.getByLabel('Run on')]) await expect(expertControl).toHaveCount(0);

  await expert.check();
  await expect(page.getByLabel('Run on')).toBeVisible();
  await candidates.fill('7');
  await mmr.check();

  // Hidden in the beginner view, yet in force: the search reorders by MMR.
  await beginner.check();
  await expect(candidates).toHaveCount(0);
  await expect(mmr).toHaveCount(0);
  await loadSample(page, L);
  await searchIn(page, L, 'keyword', 'chunk overlap');
  await expect(page.getByTestId('ranked-by')).toContainText('then reordered by MMR');

  await page.reload();
  await expect(beginner).toBeChecked();
  await expect(candidates).toHaveCount(0);
  await expert.check();
  await expect(candidates).toHaveValue('7');
  await expect(mmr).toBeChecked();
});

/** Press Tab until the focused element's text or label matches; the hidden file inputs are never a tab stop. */
interface Focused {
  type: string;
  name: string;
  inputName: string;
}

async function tabTo(page: Page, name: RegExp, also: (f: Focused) => boolean = () => true) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return { type: '', name: '', inputName: '' };
      const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      return { type: (el as HTMLInputElement).type ?? '', name: label.trim(), inputName: el.getAttribute('name') ?? '' };
    });
    expect(focused.type, 'a hidden file input took the focus').not.toBe('file');
    if (name.test(focused.name) && also(focused)) return;
  }
  throw new Error(`no tab stop named ${name}`);
}

test('keyboard only: the skip link, the sample, embedding and a question; the focus follows the work', async ({ page }) => {
  const L = await openIn(page, 'en');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: L.uipath.skipLink })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await tabTo(page, /^Load sample corpus$/);
  await page.keyboard.press('Enter');
  await expect(railStep(page, 'chunks')).toHaveAttribute('data-state', 'done');

  // The embedding models are one radio group: Tab reaches the chosen one, the arrows choose another.
  await tabTo(page, /./, (f) => f.inputName === 'embedding-model');
  const tiny = page.getByRole('radio', { name: /Tiny test embedder/ });
  for (let i = 0; i < 20 && !(await tiny.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(tiny).toBeChecked();
  await tabTo(page, /^Embed and index$/);
  await page.keyboard.press('Enter');
  await expect(railStep(page, 'embedding')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  // When the index is ready, the focus is on its summary.
  await expect(page.getByTestId('index-summary')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('section')?.id)).toBe('embedding');

  await tabTo(page, /^Question/);
  await page.keyboard.type('What is a chunk?');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ranked-by')).toBeVisible();
  // The results take the focus; the next Tab goes into them.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.classList.contains('focus-target') && document.activeElement.closest('section')?.id))
    .toBe('ask');
});
