// Importing a workspace file replaces the saved workspace at once or not at all: reloaded at each step
// of an import (the import waits in a test hook there), or with IndexedDB failing with QuotaExceededError
// at one of its writes, the page afterwards shows the whole old workspace, which answers the same question
// with the same scores, or (reloaded after the switch) the whole new one; never a mix or nothing. What
// the page says about a failed import is what a reload shows, and nothing an import wrote is left over.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp, scores } from './steps';
import { riverWorkspaceFile } from './workspaceFileBuilder';

const QUESTION = 'How hot is lava when a volcano erupts?';
/** Twenty documents of three chunks: written in three batches of documents, then the index. */
const FILE = { name: 'rivers.zip', mimeType: 'application/zip', buffer: riverWorkspaceFile(20) };

/** The page's test hooks (installed by installHooks). */
interface Hooks {
  /** The pause points the import reached, in order. */
  importPoints: string[];
  /** Wait for ever at this pause point (counted from 0). */
  pauseAt?: number;
  /** Writes to the workspace database counted since the test set failWriteAt. */
  writes: number;
  /** Fail this write (counted from 0) with QuotaExceededError; -1 counts without failing. */
  failWriteAt?: number;
}

/** Before any page script: the import's pause hook, and writes to the workspace database counted (one failing on request). */
async function installHooks(page: Page) {
  await page.addInitScript(() => {
    const hooks: Hooks = { importPoints: [], writes: 0 };
    const w = window as unknown as { hooks: Hooks; __openbookImportPause: (point: string) => Promise<void> | void };
    w.hooks = hooks;
    w.__openbookImportPause = (point) => {
      hooks.importPoints.push(point);
      if (hooks.importPoints.length - 1 === hooks.pauseAt) return new Promise<void>(() => {}); // until the reload
    };
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if (this.transaction.db.name === 'openbook-workspace' && hooks.failWriteAt !== undefined && hooks.writes++ === hooks.failWriteAt) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return original.apply(this, args);
      };
    }
  });
}

const setHooks = (page: Page, change: Partial<Hooks>) => page.evaluate((c) => Object.assign((window as unknown as { hooks: Hooks }).hooks, c), change);
const hooks = (page: Page) => page.evaluate(() => (window as unknown as { hooks: Hooks }).hooks);

async function reloadAndWaitForRestore(page: Page) {
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
}

/** Rows in the workspace database that belong to no live workspace (read with IndexedDB itself). */
function leftoverRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('openbook-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['current', 'documents', 'vectorRows'], 'readonly');
          const all = (name: string) =>
            new Promise<{ gen?: string }[]>((done) => {
              const request = tx.objectStore(name).getAll();
              request.onsuccess = () => done(request.result as { gen?: string }[]);
            });
          void Promise.all([all('current'), all('documents'), all('vectorRows')]).then(([current, documents, vectors]) => {
            const live = current[0]?.gen ?? 'g0';
            db.close();
            resolve([...documents, ...vectors].filter((row) => row.gen !== live).length);
          });
        };
      }),
  );
}

interface Shown {
  summary: string | null;
  scores: number[];
}

/** The old workspace: two documents, embedded, and its answer to the question. */
async function buildOldWorkspace(page: Page): Promise<Shown> {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const summary = await page.getByTestId('index-summary').textContent();
  await askQuestion(page, QUESTION);
  return { summary, scores: await scores(page) };
}

async function expectOldWorkspace(page: Page, before: Shown) {
  await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  await expect(documentList(page)).toContainText('volcanoes.md');
  await expect(documentList(page)).toContainText('tea.txt');
  await expect(page.getByTestId('index-summary')).toHaveText(before.summary!);
  await askQuestion(page, QUESTION);
  expect(await scores(page)).toEqual(before.scores);
}

async function expectNewWorkspace(page: Page) {
  await expect(documentList(page).getByRole('listitem')).toHaveCount(20);
  await expect(documentList(page)).toContainText('river-19.txt');
  await expect(page.getByTestId('index-summary')).toContainText('Index ready: 60 chunks');
}

const importFile = (page: Page) => page.getByLabel('Workspace file to import').setInputFiles(FILE);

test('reloaded at each step of an import, the page shows the whole old workspace, or once switched the whole new one', async ({ page }) => {
  test.setTimeout(300_000);
  await installHooks(page);
  const before = await buildOldWorkspace(page);
  const points = ['saving', 'documents', 'documents', 'documents', 'index', 'switched'];
  for (let stop = 0; stop < points.length; stop++) {
    await setHooks(page, { importPoints: [], pauseAt: stop });
    await importFile(page);
    await expect.poll(async () => (await hooks(page)).importPoints).toEqual(points.slice(0, stop + 1));
    await expect(page.getByRole('progressbar', { name: 'Importing rivers.zip' })).toBeVisible();
    // Until the import has finished, the page shows the old workspace.
    await expect(documentList(page).getByRole('listitem')).toHaveCount(2);

    await reloadAndWaitForRestore(page);
    if (points[stop] === 'switched') await expectNewWorkspace(page);
    else await expectOldWorkspace(page, before);
    await expect.poll(() => leftoverRows(page), { message: `reloaded at ${stop}: ${points[stop]}` }).toBe(0);
  }
});

test('failing with QuotaExceededError at a write of an import, leaves the whole old workspace, shown and after a reload, and says so', async ({ page }) => {
  test.setTimeout(300_000);
  await installHooks(page);
  const before = await buildOldWorkspace(page);
  const outcome = page.getByTestId('import-outcome');
  // Writes 0–19 are the documents (in three batches), 20–39 the vectors, 40 the index, 41 the switch.
  for (const failAt of [0, 1, 8, 19, 20, 30, 39, 40, 41]) {
    await setHooks(page, { writes: 0, failWriteAt: failAt });
    await importFile(page);
    await expect(outcome).toHaveText(
      'rivers.zip was not imported, and the current workspace is unchanged: this browser’s storage for the site is full. Nothing of the new workspace was kept: the workspace saved before is still here, also after a reload. Remove documents or clear the workspace to free space, then import again.',
    );
    await expectOldWorkspace(page, before);
    expect(await leftoverRows(page)).toBe(0);

    await reloadAndWaitForRestore(page);
    await expectOldWorkspace(page, before);
  }

  // With room enough, the same import writes 42 times (so the writes above include its first and last) and replaces the workspace.
  await setHooks(page, { writes: 0, failWriteAt: -1 });
  await importFile(page);
  await expect(outcome).toHaveText(/^Imported rivers\.zip: 20 documents and 60 chunks/);
  expect((await hooks(page)).writes).toBe(42);
  await expectNewWorkspace(page);
  await reloadAndWaitForRestore(page);
  await expectNewWorkspace(page);
  expect(await leftoverRows(page)).toBe(0);
});

test('a published workspace (?workspace=) is opened the same way: a full storage or a reload mid-way leaves the old workspace whole', async ({ page }) => {
  test.setTimeout(180_000);
  await installHooks(page);
  await page.route('**/demo/rivers.zip', (route) => route.fulfill({ body: FILE.buffer, contentType: 'application/zip' }));
  const before = await buildOldWorkspace(page);
  const outcome = page.getByTestId('published-outcome');

  // The storage runs out while the vectors are written.
  await page.goto('/?workspace=demo/rivers.zip');
  await setHooks(page, { writes: 0, failWriteAt: 25 });
  await page.getByRole('button', { name: 'Open it', exact: true }).click();
  await expect(outcome).toContainText(
    'The published workspace rivers.zip could not be opened, and the current workspace is unchanged: this browser’s storage for the site is full. Nothing of the new workspace was kept',
  );
  await expectOldWorkspace(page, before);
  await page.goto('/');
  await expectOldWorkspace(page, before);

  // The page is left once the index is written beside the old workspace, before the switch.
  await page.goto('/?workspace=demo/rivers.zip');
  await setHooks(page, { importPoints: [], pauseAt: 4 });
  await page.getByRole('button', { name: 'Open it', exact: true }).click();
  await expect.poll(async () => (await hooks(page)).importPoints).toEqual(['saving', 'documents', 'documents', 'documents', 'index']);
  await page.goto('/');
  await expectOldWorkspace(page, before);
  await expect.poll(() => leftoverRows(page)).toBe(0);

  // Undisturbed, it replaces the workspace, also after a reload.
  await page.goto('/?workspace=demo/rivers.zip');
  await page.getByRole('button', { name: 'Open it', exact: true }).click();
  await expect(outcome).toContainText('Opened the published workspace rivers.zip: 20 documents and 60 chunks');
  await expectNewWorkspace(page);
  await reloadAndWaitForRestore(page);
  await expectNewWorkspace(page);
});
