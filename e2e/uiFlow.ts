// The main flow as a person takes it in either language (labels read from the app's own translations),
// and the page-wide checks of e2e/a11y.spec.ts and e2e/layout.spec.ts: axe-core, nothing wider than the
// screen, no raw translation key in the text.
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { en } from '../src/i18n/en';
import { zh } from '../src/i18n/zh';
import { expect } from './fixtures';

export type Lang = 'en' | 'zh';
export type Strings = typeof en;
export const stringsOf = (lang: Lang): Strings => (lang === 'en' ? en : zh);

export const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Open the app in a language, as a first visit (no other setting stored). */
export async function openIn(page: Page, lang: Lang): Promise<Strings> {
  if (lang === 'zh') await page.addInitScript(() => localStorage.setItem('openbook.language', 'zh'));
  const L = stringsOf(lang);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: L.documents.title, exact: true })).toBeVisible();
  return L;
}

/** A step in the stepper (src/features/layout/StepRail.tsx). */
export const railStep = (page: Page, step: string) => page.locator(`.step-rail [data-step="${step}"]`);

export async function loadSample(page: Page, L: Strings) {
  await page.getByRole('button', { name: L.documents.loadSample }).click();
  await expect(railStep(page, 'chunks')).toHaveAttribute('data-state', 'done');
}

/** Embed with the tiny fixture embedder (on the default device: WASM here) and wait for the index. */
export async function embedWithFixture(page: Page, L: Strings) {
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
  await page.getByRole('button', { name: L.embedding.run, exact: true }).click();
  await expect(railStep(page, 'embedding')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
}

const RANKED_BY: Record<'vector' | 'keyword' | 'hybrid', RegExp> = { vector: /cosine|余弦/i, keyword: /BM25/, hybrid: /RRF/ };

export async function searchIn(page: Page, L: Strings, mode: 'vector' | 'keyword' | 'hybrid', question: string) {
  await page.getByRole('radio', { name: new RegExp(`^${L.search.mode[mode]}`) }).check();
  await page.getByRole('textbox', { name: L.ask.question, exact: true }).fill(question);
  await page.getByRole('button', { name: L.ask.submit, exact: true }).click();
  await expect(page.getByTestId('ranked-by')).toHaveText(RANKED_BY[mode]);
  await expect(railStep(page, 'ask')).toHaveAttribute('data-state', 'done');
}

/** Load the site's fixture chat model (transformers.js) and answer the last question. */
export async function answerWithFixture(page: Page, L: Strings) {
  await page.getByLabel(L.generation.tjsModel).selectOption('openbook/tiny-chat');
  await page.getByRole('button', { name: L.generation.load, exact: true }).click();
  await expect(page.getByRole('button', { name: L.generation.loaded, exact: true })).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: L.generation.generate, exact: true }).click();
  await expect(railStep(page, 'generation')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
}

/** Run the sample question set with the default configuration. */
export async function evaluateSample(page: Page, L: Strings) {
  const step = page.getByRole('region', { name: L.evaluation.title });
  await step.getByRole('button', { name: L.evaluation.questions.sample }).click();
  await step.getByRole('button', { name: L.evaluation.run, exact: true }).click();
  await expect(step.getByRole('table', { name: L.evaluation.results.caption })).toBeVisible({ timeout: 90_000 });
  await expect(step.getByRole('button', { name: L.evaluation.run, exact: true })).toBeEnabled();
}

/** axe-core on the whole page, WCAG 2.0 and 2.1 A and AA rules: no violation. */
export async function expectNoAxeViolations(page: Page, when: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.nodes
        .slice(0, 4)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect.soft(found, `axe-core violations ${when}`).toEqual([]);
}

/** The page is no wider than the window: nothing scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, when: string) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // The element that sticks out furthest, to say what is wrong when one does.
    let widest = '';
    let right = innerWidth;
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    for (const el of document.querySelectorAll('body *')) {
      if (clipped(el)) continue;
      const r = el.getBoundingClientRect().right + window.scrollX;
      if (r > right) (right = r), (widest = `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} (${Math.round(r)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
  });
  expect.soft(scrollWidth, `page width ${when} (widest: ${widest})`).toBeLessThanOrEqual(innerWidth);
}

const NAMESPACES = Object.keys(en);

/** No translation key shown raw (e.g. "embedding.engine.null"): dotted lower-case words that start with one of the app's namespaces. */
export async function expectNoRawKeys(page: Page, when: string) {
  // biome-ignore lint/performance/useDomNodeTextContent: the text as shown (innerText), not the text of hidden nodes
  const text = await page.locator('body').innerText();
  const keys = [...text.matchAll(/\b([a-z][A-Za-z]*)((?:\.[A-Za-z][\w-]*)+)\b/g)]
    .filter((m) => NAMESPACES.includes(m[1]!))
    .map((m) => m[0])
    // File names (chunks.parquet, models.json …) are not keys.
    .filter((k) => !/\.(md|txt|pdf|docx|html|json|jsonl|csv|zip|onnx|parquet|sql)$/.test(k));
  expect.soft(keys, `raw translation keys ${when}`).toEqual([]);
}

/** Every page-wide check at once. */
export async function expectCleanPage(page: Page, when: string) {
  await expectNoSidewaysScroll(page, when);
  await expectNoRawKeys(page, when);
  await expectNoAxeViolations(page, when);
}
