// Issue 12 (items 6 and 7): at 1440 × 900 and 390 × 844, in English and Chinese, from a first visit (the
// beginner view): axe-core finds no WCAG 2.1 A/AA violation, nothing scrolls sideways and no raw
// translation key shows, on the main screen, after loading the sample, after a search in each mode, after
// an answer and after an evaluation.
import { test } from './fixtures';
import {
  answerWithFixture,
  embedWithFixture,
  evaluateSample,
  expectCleanPage,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  loadSample,
  openIn,
  searchIn,
  VIEWPORTS,
  type Lang,
} from './uiFlow';

test.use({ viewMode: null });

for (const viewport of VIEWPORTS)
  for (const lang of ['en', 'zh'] as Lang[])
    test(`${viewport.name} ${viewport.width}×${viewport.height}, ${lang}: the whole main flow is accessible and fits the screen`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const L = await openIn(page, lang);
      await expectCleanPage(page, 'on the first screen');

      await loadSample(page, L);
      await expectCleanPage(page, 'after loading the sample');

      await embedWithFixture(page, L);
      await searchIn(page, L, 'vector', lang === 'en' ? 'What is a chunk?' : '什么是分块？');
      await expectCleanPage(page, 'after a vector search');
      await searchIn(page, L, 'keyword', lang === 'en' ? 'chunk overlap' : '分块 重叠');
      await expectCleanPage(page, 'after a keyword search');
      await searchIn(page, L, 'hybrid', lang === 'en' ? 'How are chunks embedded?' : '分块如何嵌入？');
      await expectCleanPage(page, 'after a hybrid search');

      await answerWithFixture(page, L);
      await expectCleanPage(page, 'after an answer');

      await evaluateSample(page, L);
      await expectCleanPage(page, 'after an evaluation');
    });

test.describe('in the expert view', () => {
  test.use({ viewMode: 'expert' });
  for (const viewport of VIEWPORTS)
    test(`${viewport.name}: every control shown, still accessible and within the screen`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const L = await openIn(page, 'en');
      await loadSample(page, L);
      await embedWithFixture(page, L);
      await page.getByRole('checkbox', { name: L.search.mmr }).check();
      await searchIn(page, L, 'hybrid', 'How are chunks embedded?');
      // (No raw-key check here: the index engine's "Answered by …" line is issue 12's item 5, fixed apart.)
      await expectNoSidewaysScroll(page, 'after a hybrid search with MMR');
      await expectNoAxeViolations(page, 'after a hybrid search with MMR');
    });
});
