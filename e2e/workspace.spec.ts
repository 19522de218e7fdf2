// The workspace lasts: documents and the index come back after a reload (the index without embedding
// anything again), a full storage is explained and loses nothing saved before, and clearing empties it all.
import type { CDPSession, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import {
  addFiles,
  askQuestion,
  documentList,
  embed,
  openApp,
  resultFacts,
  savedDocumentNames,
  savedIndex,
  savedIndexCount,
  scores,
  storageUsage,
} from './steps';

const QUESTION = 'How hot is lava when a volcano erupts?';

/** The page after a reload, once the saved workspace has been restored. */
async function reloadAndWaitForRestore(page: Page) {
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
}

/** The top result's card (text, document, position, scores) and every score, for comparing two runs. */
async function results(page: Page) {
  const table = await askQuestion(page, QUESTION);
  const top = await resultFacts(table.getByRole('listitem').nth(0));
  return { top, scores: await scores(page) };
}

test('documents and the index come back after a reload, and the same question gets the same answer', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const summary = await page.getByTestId('index-summary').textContent();
  const before = await results(page);
  expect(before.top.join(' ')).toContain('volcanoes.md');

  await reloadAndWaitForRestore(page);
  const list = documentList(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('volcanoes.md');
  await expect(list).toContainText('tea.txt');
  // Index ready without pressing Embed: rebuilt from the stored vectors, nothing embedded again.
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);
  await expect(page.getByTestId('index-restored')).toContainText('without embedding anything again');
  await expect(page.getByTestId('embedding-speed')).toHaveCount(0);
  await expect(page.getByText(/not in the index yet/)).toHaveCount(0);

  // The question needs the embedding model: it is loaded on the first question, then the same chunks
  // come back with the same scores.
  const after = await results(page);
  expect(after.top).toEqual(before.top);
  expect(after.scores).toEqual(before.scores);
  await expect(page.getByTestId('device-in-use')).toHaveText('In use: WASM');
});

test('clearing the workspace asks first, then empties documents, index and storage', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  await embed(page);
  await expect(page.getByTestId('storage-use')).toContainText(/This site uses .* of the .* the browser allows it/);
  // Asking for persistent storage gets the browser's answer, whichever it is.
  await page.getByRole('button', { name: 'Ask the browser to keep it' }).click();
  await expect(page.getByTestId('persist-answer')).toHaveText(/^(Granted|Not granted): /);

  // Cancelling the confirmation changes nothing.
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the workspace?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await dialog.getByRole('button', { name: 'Clear everything' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('The workspace was cleared.')).toBeVisible();
  await expect(page.getByText('No documents yet.')).toBeVisible();
  await expect(page.getByText('The vector index is empty.')).toBeVisible();

  await reloadAndWaitForRestore(page);
  await expect(page.getByText('No documents yet.')).toBeVisible();
  await expect(page.getByText('The vector index is empty.')).toBeVisible();
  // Settings are not part of the workspace: the chosen model is still selected.
  await expect(page.getByRole('radio', { name: /Tiny test embedder/ })).toBeChecked();
});

/**
 * Write `bytes` to a database of the test's own ('e2e-quota-probe', created on first use; the app never reads
 * it): 'ok', or the name of the error that aborted the write.
 */
function probeWrite(page: Page, bytes: number): Promise<string> {
  return page.evaluate(
    (size) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('e2e-quota-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('probe');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // Random bytes: nothing a compressor could shrink.
          const data = new Uint8Array(size);
          for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(data.subarray(at, Math.min(size, at + 65_536)));
          const tx = db.transaction('probe', 'readwrite');
          tx.objectStore('probe').put(data.buffer, 'probe');
          tx.oncomplete = () => {
            db.close();
            resolve('ok');
          };
          tx.onabort = () => {
            db.close();
            resolve(tx.error?.name ?? 'AbortError');
          };
        };
      }),
    bytes,
  );
}

/**
 * Make the site's storage full: its quota becomes what it uses now plus `room` bytes. Chromium's IndexedDB
 * does not ask the quota manager before every write: for up to 30 s it lets through writes that fit the room
 * it last heard of (content/browser/indexed_db: BucketContext::CheckCanUseDiskSpace), so right after the
 * quota is lowered a write of 262 KB (a batch of embedding progress) can still be stored. A write larger than
 * any room it can have heard of (more than the quota before) makes it ask again: from then on it holds the
 * new quota.
 */
async function fillStorage(page: Page, cdp: CDPSession, origin: string, room: number) {
  expect(await probeWrite(page, 1)).toBe('ok'); // the probe's own database, before the use is measured
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (await storageUsage(page)) + room });
  expect(await probeWrite(page, 2_000_000)).toBe('QuotaExceededError');
}

/**
 * What the failed run left for the next visit: how many chunk vectors its batches of embedding progress hold
 * (IndexedDB 'openbook-embedding-progress'), and the note that says the run finished but was not saved.
 */
function keptProgress(page: Page): Promise<{ vectors: number; note: string | null }> {
  return page.evaluate(
    () =>
      new Promise<{ vectors: number; note: string | null }>((resolve, reject) => {
        const note = localStorage.getItem('openbook-embedding-progress.unsaved');
        const open = indexedDB.open('openbook-embedding-progress');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('batches')) {
            db.close();
            return resolve({ vectors: 0, note });
          }
          const rows = db.transaction('batches', 'readonly').objectStore('batches').getAll();
          rows.onsuccess = () => {
            db.close();
            resolve({ vectors: (rows.result as { texts: string[] }[]).reduce((n, r) => n + r.texts.length, 0), note });
          };
          rows.onerror = () => reject(rows.error);
        };
      }),
  );
}

/** Two documents embedded with the 1024-dimensional fixture model (4 KB per vector: indexes grow fast). */
async function twoDocumentsEmbedded(page: Page) {
  await openApp(page);
  await page.getByRole('radio', { name: /Tiny wide test embedder/ }).check();
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
}

test('when storage is full, the failed saves are explained and the saved workspace stays as it was', async ({ page, baseURL }) => {
  // The site's quota is set with Chromium's quota override (through the DevTools protocol) in two steps.
  // First 1 MB, from the site's first use of storage: room for two small documents and their index (with
  // IndexedDB's own files, about 300 KB), but not for the model files' cache (6 MB) nor the runtimes, which
  // are then fetched each time. A fixed quota cannot be the full one: how much room the same documents and
  // index take on disk varies from run to run (263 to 304 KB measured after the same save), so 250 KB left
  // the first index without room on a busy machine, and a reload rightly found no index.
  const origin = new URL(baseURL!).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1_000_000 });

  await twoDocumentsEmbedded(page);
  // The index is saved before the next run is started (on a busy machine the save can still be on its way).
  await expect.poll(() => savedIndexCount(page)).toBe(1);
  const summary = await page.getByTestId('index-summary').textContent();
  expect(await savedIndex(page)).toEqual({ docIds: [expect.any(String), expect.any(String)], chunkSize: 500 });
  await expect(page.getByRole('alert').filter({ hasText: 'The index could not be saved' })).toHaveCount(0);
  // Then the storage is full: the quota becomes what the site uses now plus 100 KB, too little for the
  // index below (about 600 KB), for its batches of embedding progress (262 KB each) and for the large
  // document (1 MB).
  await fillStorage(page, cdp, origin, 100_000);

  // Smaller chunks make a new index of about 150 chunks × 4 KB, which does not fit.
  await page.getByLabel('Chunk size (characters)').fill('20');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByRole('button', { name: 'Embed and index' }).click();
  await expect(page.getByTestId('index-summary')).not.toHaveText(summary!);
  const indexAlert = page.getByRole('alert').filter({ hasText: 'The index could not be saved' });
  await expect(indexAlert).toContainText('storage for the site is full');
  await expect(indexAlert).toContainText('after a reload the index saved before comes back');
  // The run finished; only its index was not saved. That is noted for the next visit (outside the full
  // storage), with whatever batches of its vectors found room.
  await expect.poll(async () => (await keptProgress(page)).note).toContain('"reason":"quota"');
  const kept = (await keptProgress(page)).vectors;
  // Nor does a large new document; it is there for this session. (Its 1 MB is seeded random words: Chromium
  // compresses what IndexedDB stores, and a repeated sentence would shrink to a few KB and fit after all.)
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const word = () => Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const text = Array.from({ length: 170_000 }, word).join(' ');
  await page.getByLabel('Choose files').setInputFiles({ name: 'large.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.locator('.notices')).toContainText('large.txt');
  await expect(page.locator('.notices')).toContainText('Not saved: this browser’s storage for the site is full.');
  await expect(documentList(page).getByRole('listitem')).toHaveCount(3);
  // What is stored is still the two documents and the index saved before (the reload below reads them back).
  expect(await savedDocumentNames(page)).toEqual(['volcanoes.md', 'tea.txt']);
  expect(await savedIndex(page)).toEqual({ docIds: [expect.any(String), expect.any(String)], chunkSize: 500 });

  // After a reload: what was saved before, unchanged, and it answers.
  await reloadAndWaitForRestore(page);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);
  // The run is never called interrupted: it finished. If some of its vectors were kept, step 3 says that its
  // index could not be saved because the storage was full, and what to do; if none were, it says nothing.
  await expect(page.getByTestId('embedding-interrupted')).toHaveCount(0);
  const notSaved = page.getByTestId('embedding-not-saved');
  if (kept > 0) {
    await expect(notSaved).toContainText('finished, but its index could not be saved');
    await expect(notSaved).toContainText('storage for the site was full');
    await expect(page.getByRole('button', { name: 'Build the index', exact: true })).toBeVisible();
  } else {
    await expect(notSaved).toHaveCount(0);
  }
  const table = await askQuestion(page, QUESTION);
  await expect(table.getByRole('listitem').nth(0)).toContainText('volcanoes.md');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
});
