// What a person does in the app, as reusable steps for the e2e tests.
import type { Locator, Page } from '@playwright/test';
import { expect, doc } from './fixtures';

/**
 * The list of documents in step 1 (`name`: its label in the page's language). Exact: a role name is otherwise
 * matched as a case-insensitive substring, and the list of an unfinished embedding run in step 3 ("Incomplete
 * documents") or the map's "Documents on the map" would be taken with it.
 */
export const documentList = (page: Page, name = 'Documents') => page.getByRole('list', { name, exact: true });

export async function openApp(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  // The site serves a tiny fixture embedding model in models/; it appears in the model list.
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
}

export async function addFiles(page: Page, ...names: string[]) {
  await page.getByLabel('Choose files').setInputFiles(names.map(doc));
  await filesRead(page);
}

/** Step 2 shows the selected document's chunks coloured over its text at first: switch to the list of chunks. */
export async function showChunkList(page: Page) {
  await page.getByRole('button', { name: 'Chunks', exact: true }).click();
}

/** Wait until every file given so far has been read (added, or refused with its reason). */
export async function filesRead(page: Page) {
  const progress = page.getByRole('region', { name: 'Files', exact: true }).getByRole('status');
  await expect(progress).toHaveText(/^(\d+) of \1 done$/);
}

export async function embed(page: Page, device: 'WASM' | 'WebGPU' | 'Automatic' = 'WASM') {
  await page.getByLabel('Run on').selectOption({ label: device });
  await page.getByRole('button', { name: 'Embed and index' }).click();
  await expect(page.getByTestId('index-summary')).toContainText('Index ready', { timeout: 90_000 });
}

export async function askQuestion(page: Page, question: string) {
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const results = resultList(page);
  await expect(results).toBeVisible();
  return results;
}

/** The list of retrieved chunks (one card, a listitem, per chunk, best first). */
export const resultList = (page: Page) => page.getByRole('list', { name: /^Chunks retrieved for / });

/** Everything a result card says (text, rank, document, section, position, scores, why here), paragraph by paragraph. */
export const resultFacts = (card: Locator) => card.locator('p').allTextContents();

/** The final scores shown in the results, top to bottom (cosine similarities for vector search). */
export async function scores(page: Page): Promise<number[]> {
  const cells = resultList(page).locator('.result-score.score');
  return (await cells.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-score'))))) as number[];
}

export type ChatEngine =
  | 'WebLLM · WebGPU'
  | 'transformers.js · Automatic (measured)'
  | 'transformers.js · WebGPU'
  | 'transformers.js · WASM (CPU)'
  | 'OpenAI-compatible endpoint (your own server)';

/** Pick a generation engine in step 6. */
export async function chooseEngine(page: Page, engine: ChatEngine) {
  await page.getByRole('radio', { name: engine, exact: true }).check();
}

/** Pick the site's fixture chat model for transformers.js and load it. */
export async function loadFixtureChatModel(page: Page) {
  await page.getByLabel('Chat model (transformers.js)').selectOption('openbook/tiny-chat');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('button', { name: 'Loaded' })).toBeVisible({ timeout: 90_000 });
}

/**
 * Record every text the answer pane shows from now on (a MutationObserver in the page), so a test can
 * check that the answer grew in steps rather than appearing at once.
 */
export async function recordAnswerTexts(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { answerTexts: string[] }).answerTexts = seen;
    const record = () => {
      const text = document.querySelector('[data-testid="answer-text"]')?.textContent ?? '';
      if (text !== seen.at(-1)) seen.push(text);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { answerTexts: string[] }).answerTexts);
}

/**
 * The index saved in this browser's workspace (the live generation, read with IndexedDB itself): the ids of
 * its documents and the chunk size it was made with; null when none is saved.
 */
export function savedIndex(page: Page): Promise<{ docIds: string[]; chunkSize: number | null } | null> {
  return page.evaluate(
    () =>
      new Promise<{ docIds: string[]; chunkSize: number | null } | null>((resolve, reject) => {
        const open = indexedDB.open('openbook-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('current')) {
            db.close();
            return resolve(null);
          }
          const tx = db.transaction(['current', 'index'], 'readonly');
          const current = tx.objectStore('current').getAll();
          const index = tx.objectStore('index').getAll();
          tx.oncomplete = () => {
            const live = (current.result as { gen?: string }[])[0]?.gen ?? 'g0';
            db.close();
            const row = (index.result as { key: string; docIds: string[]; chunking?: { chunkSize?: number } }[]).find((r) => r.key === live);
            resolve(row ? { docIds: row.docIds, chunkSize: row.chunking?.chunkSize ?? null } : null);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** How many bytes this site stores now (IndexedDB and caches), as the browser counts them against its quota. */
export function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/**
 * The names of the documents saved in this browser's workspace (the live generation, read with IndexedDB
 * itself): a test that leaves the page waits on this, not on time, for the saves to land.
 */
export function savedDocumentNames(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('openbook-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('current')) {
            db.close();
            return resolve([]);
          }
          const tx = db.transaction(['current', 'documents'], 'readonly');
          const current = tx.objectStore('current').getAll();
          const documents = tx.objectStore('documents').getAll();
          tx.oncomplete = () => {
            const live = (current.result as { gen?: string }[])[0]?.gen ?? 'g0';
            db.close();
            resolve((documents.result as { gen?: string; name: string }[]).filter((d) => d.gen === live).map((d) => d.name));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** How many indexes the workspace holds in IndexedDB (read with IndexedDB itself): a test waits on this for the index's save to land. */
export function savedIndexCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('openbook-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('index')) {
            db.close();
            return resolve(0);
          }
          const count = db.transaction('index', 'readonly').objectStore('index').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/**
 * Before the page loads: ask the app to wait at these test points (see src/state/runtime/testHooks.ts), and
 * any other hooks (`throwIn`). What is shown mid-way is then checked without racing the app's speed.
 */
export async function withTestHooks(page: Page, hooks: { throwIn?: string; hold?: string[] }) {
  await page.addInitScript((h) => {
    window.__openbookTest = { ...window.__openbookTest, ...h };
  }, hooks);
}

/** Let the app go on past a test point it was asked to wait at. */
export async function releaseHold(page: Page, point: string) {
  await page.evaluate((p) => window.__openbookTest?.release?.(p), point);
}
