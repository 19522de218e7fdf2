// A large keyword index is saved after its build and, after a reload, loaded back instead of being built
// again (the chunks are the same): keyword search then gives the same results with the same scores. After
// a reload it is built (or loaded) once, when every document is chunked again. Clearing the workspace deletes it.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { askQuestion, filesRead, openApp, resultFacts, scores } from './steps';

/** About 160k characters of English and Chinese sentences (two make a large build: 200k characters or more). */
function largeText(seed: number): string {
  const sentences = [
    'Lava erupts from the volcano at a temperature of about 1200 degrees.',
    'Green tea is steeped at 80 degrees for two minutes.',
    'Retrieval augmented generation finds the chunks nearest to the question.',
    '熔岩的温度大约是一千二百度。',
    '绿茶用八十度的水冲泡两分钟。',
    '检索增强生成先找到与问题最相近的分块。',
  ];
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = [];
  for (let length = 0; length < 160_000; ) {
    const s = `${sentences[Math.floor(next() * sentences.length)]} w${Math.floor(next() * 5000)}`;
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join('\n');
}

/** The keyword index build the page measured last: its chunk count, and whether it was loaded from its saved copy. */
async function keywordBuild(page: Page): Promise<{ chunks: number; restored: boolean; outcome: unknown }> {
  const handle = await page.waitForFunction(() => {
    const entries = performance.getEntriesByName('openbook:keyword-build') as PerformanceMeasure[];
    const detail = entries.at(-1)?.detail as { chunks: number; restored: boolean; outcome: unknown } | undefined;
    return detail && detail.chunks > 0 ? detail : false;
  });
  return (await handle.jsonValue()) as { chunks: number; restored: boolean; outcome: unknown };
}

/** How many saved keyword indexes IndexedDB holds (0 or 1). */
function savedKeywordIndexes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('openbook-keyword-index');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('saved')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('saved').objectStore('saved').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function keywordResults(page: Page) {
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  const list = await askQuestion(page, 'lava temperature 熔岩的温度');
  return { top: await resultFacts(list.getByRole('listitem').nth(0)), scores: await scores(page) };
}

/** How many keyword index builds (or loads) the page measured since it opened. */
const keywordBuilds = (page: Page) => page.evaluate(() => performance.getEntriesByName('openbook:keyword-build').length);

async function reload(page: Page) {
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
}

test('a large keyword index comes back after a reload without being built again, and answers the same', async ({ page }) => {
  await openApp(page);
  // Two documents, added together: the keyword index follows them as they are chunked (built, then added to).
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'large.txt', mimeType: 'text/plain', buffer: Buffer.from(largeText(7)) },
    { name: 'large-2.txt', mimeType: 'text/plain', buffer: Buffer.from(largeText(8)) },
  ]);
  await filesRead(page);
  const before = await keywordResults(page);
  expect(before.top.join(' ')).toMatch(/large(-2)?\.txt/);
  expect(before.scores.length).toBeGreaterThan(0);

  // After a reload the index is built once, for both documents (not for the first one chunked alone), then saved.
  await reload(page);
  const built = await keywordBuild(page);
  expect(built.restored).toBe(false);
  expect(await keywordResults(page)).toEqual(before);
  expect(await keywordBuilds(page)).toBe(1);
  await expect.poll(() => savedKeywordIndexes(page)).toBe(1);

  // After the next one it is loaded from its saved copy: nothing tokenised, the same answers.
  await reload(page);
  expect(await keywordBuild(page)).toEqual({ chunks: built.chunks, restored: true, outcome: { restored: true } });
  expect(await keywordResults(page)).toEqual(before);
  expect(await keywordBuilds(page)).toBe(1);

  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('dialog', { name: 'Clear the workspace?' }).getByRole('button', { name: 'Clear everything' }).click();
  await expect(page.getByText('No documents yet.')).toBeVisible();
  await expect.poll(() => savedKeywordIndexes(page)).toBe(0);
});
