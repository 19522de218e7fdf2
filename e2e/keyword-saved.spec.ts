// A large keyword index is saved after its build and, after a reload, loaded back instead of being built
// again (the chunks are the same): keyword search then gives the same results with the same scores.
// Clearing the workspace deletes it.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { askQuestion, filesRead, openApp, resultFacts, scores } from './steps';

/** About 320k characters of English and Chinese sentences (a large build: 200k characters or more). */
function largeText(): string {
  const sentences = [
    'Lava erupts from the volcano at a temperature of about 1200 degrees.',
    'Green tea is steeped at 80 degrees for two minutes.',
    'Retrieval augmented generation finds the chunks nearest to the question.',
    '熔岩的温度大约是一千二百度。',
    '绿茶用八十度的水冲泡两分钟。',
    '检索增强生成先找到与问题最相近的分块。',
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = [];
  for (let length = 0; length < 320_000; ) {
    const s = `${sentences[Math.floor(next() * sentences.length)]} w${Math.floor(next() * 5000)}`;
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join('\n');
}

/** The keyword index build the page measured last: its chunk count, and whether it was loaded from its saved copy. */
async function keywordBuild(page: Page): Promise<{ chunks: number; restored: boolean }> {
  const handle = await page.waitForFunction(() => {
    const entries = performance.getEntriesByName('openbook:keyword-build') as PerformanceMeasure[];
    const detail = entries.at(-1)?.detail as { chunks: number; restored: boolean } | undefined;
    return detail && detail.chunks > 1000 ? detail : false;
  });
  return (await handle.jsonValue()) as { chunks: number; restored: boolean };
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

test('a large keyword index comes back after a reload without being built again, and answers the same', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Choose files').setInputFiles([{ name: 'large.txt', mimeType: 'text/plain', buffer: Buffer.from(largeText()) }]);
  await filesRead(page);
  const first = await keywordBuild(page);
  expect(first.restored).toBe(false);
  const before = await keywordResults(page);
  expect(before.top.join(' ')).toContain('large.txt');
  expect(before.scores.length).toBeGreaterThan(0);
  // Saved by the keyword worker once the build is done.
  await expect.poll(() => savedKeywordIndexes(page)).toBe(1);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
  expect(await keywordBuild(page)).toEqual({ chunks: first.chunks, restored: true });
  const after = await keywordResults(page);
  expect(after).toEqual(before);

  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('dialog', { name: 'Clear the workspace?' }).getByRole('button', { name: 'Clear everything' }).click();
  await expect(page.getByText('No documents yet.')).toBeVisible();
  await expect.poll(() => savedKeywordIndexes(page)).toBe(0);
});
