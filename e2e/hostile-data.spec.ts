// Hostile data: what the user opens, imports or leaves behind must not break the app or lose the workspace.
// Every bad input is generated here from a good workspace (no committed blobs): workspace files that pass
// the zip and shape checks but carry values that would break the app (NaN or zero vectors, a dimension of
// 1, prototype keys as document ids, an addedAt of 1e20), also opened through ?workspace=; corrupted saved
// settings in localStorage; document records in IndexedDB that are not documents; an invalid setting.
// After each: the page is not blank, a specific message shows, and the workspace from before answers the
// same question with the same scores.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, filesRead, openApp, resultFacts, scores } from './steps';

const QUESTION = 'How hot is lava when a volcano erupts?';

/** The top result's card and every score, for comparing two runs. */
async function results(page: Page) {
  const table = await askQuestion(page, QUESTION);
  const top = await resultFacts(table.getByRole('listitem').nth(0));
  return { top, scores: await scores(page) };
}

/** The good workspace (two documents, embedded), its answer to QUESTION and its file. */
async function goodWorkspace(page: Page, path: string) {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const before = await results(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  await (await downloading).saveAs(path);
  return { before, file: new Uint8Array(await readFile(path)) };
}

/** The page after a reload, once the saved workspace has been restored. */
async function reloadAndWaitForRestore(page: Page) {
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
}

/** The page still has its content (not blank), the two documents and the same answer as before. */
async function sameWorkspace(page: Page, before: Awaited<ReturnType<typeof results>>) {
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('index-summary')).toContainText('Index ready');
  const after = await results(page);
  expect(after.top).toEqual(before.top);
  expect(after.scores).toEqual(before.scores);
}

type Manifest = { embedding: { dimension: number }; documents: { id: string; name: string; addedAt: unknown; chunkCount: number }[] };

/** A copy of a good workspace file with its files changed. */
function tampered(good: Uint8Array, change: (files: Record<string, Uint8Array>, manifest: Manifest) => void): Buffer {
  const files = unzipSync(good);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
  change(files, manifest);
  files['manifest.json'] = strToU8(JSON.stringify(manifest));
  return Buffer.from(zipSync(files));
}

const vectors = (files: Record<string, Uint8Array>, n: number) => new Float32Array(files[`vectors/${n}.f32`]!.slice().buffer);
const setVectors = (files: Record<string, Uint8Array>, n: number, v: Float32Array) => (files[`vectors/${n}.f32`] = new Uint8Array(v.buffer));

/** The bad files, each with what the refusal says. */
function badFiles(good: Uint8Array): { name: string; bytes: Buffer; says: RegExp }[] {
  const first = (JSON.parse(strFromU8(unzipSync(good)['manifest.json']!)) as Manifest).documents[0]!.name;
  const escaped = first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    {
      name: 'some-nan.zip',
      bytes: tampered(good, (f) =>
        setVectors(
          f,
          0,
          vectors(f, 0).map((x, i) => (i === 70 ? NaN : x)),
        ),
      ),
      says: new RegExp(`the vector of chunk \\d+ of ${escaped} contains NaN or Infinity`),
    },
    { name: 'all-nan.zip', bytes: tampered(good, (f) => [0, 1].forEach((n) => setVectors(f, n, vectors(f, n).fill(NaN)))), says: /contains NaN or Infinity/ },
    {
      name: 'dimension-1.zip',
      // The manifest says 1, and each chunk has one value (the first of its vector): a file that fits itself.
      bytes: tampered(good, (f, m) => {
        const dimension = m.embedding.dimension;
        m.embedding.dimension = 1;
        m.documents.forEach((_, n) =>
          setVectors(
            f,
            n,
            vectors(f, n)
              .filter((_x, i) => i % dimension === 0)
              .map((x) => x || 0.5),
          ),
        );
      }),
      says: /its vectors have 1 dimensions, but openbook\/tiny-embedder makes vectors of 64/,
    },
    { name: 'zeros.zip', bytes: tampered(good, (f) => setVectors(f, 1, vectors(f, 1).fill(0))), says: /the vector of chunk \d+ of .+ is all zeros/ },
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((id) => ({
      name: `id-${id}.zip`,
      bytes: tampered(good, (_f, m) => (m.documents[1]!.id = id)),
      says: new RegExp(`the document id “${id}” cannot be used`),
    })),
    { name: 'added-1e20.zip', bytes: tampered(good, (_f, m) => (m.documents[0]!.addedAt = 1e20)), says: new RegExp(`the addedAt of ${escaped} is not valid`) },
  ];
}

test('workspace files with values that would break the app are refused, naming the problem; the workspace stays', async ({ page }, testInfo) => {
  const { before, file } = await goodWorkspace(page, testInfo.outputPath('good.zip'));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const bad of badFiles(file)) {
    await page.getByLabel('Workspace file to import').setInputFiles({ name: bad.name, mimeType: 'application/zip', buffer: bad.bytes });
    const outcome = page.getByTestId('import-outcome');
    await expect(outcome).toContainText(`${bad.name} was not imported, and the current workspace is unchanged:`);
    await expect(outcome).toContainText(bad.says);
    await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  }
  await sameWorkspace(page, before);
  await reloadAndWaitForRestore(page);
  await sameWorkspace(page, before);
  expect(errors).toEqual([]);
});

test('the same files opened from the address (?workspace=) are refused too, and the workspace stays', async ({ page }, testInfo) => {
  const { before, file } = await goodWorkspace(page, testInfo.outputPath('good.zip'));
  const bad = badFiles(file);
  for (const pick of [bad[0]!, bad[2]!, bad[4]!, bad.at(-1)!]) {
    await page.route(`**/demo/${pick.name}`, (route) => route.fulfill({ body: pick.bytes, contentType: 'application/zip' }));
    await page.goto(`/?workspace=demo/${pick.name}`);
    await page.getByRole('button', { name: 'Open it', exact: true }).click();
    const outcome = page.getByTestId('published-outcome');
    await expect(outcome).toContainText(`The published workspace ${pick.name} could not be opened, and the current workspace is unchanged:`);
    await expect(outcome).toContainText(pick.says);
  }
  await sameWorkspace(page, before);
});

/** Values for localStorage, written before the app's scripts run on every load. */
async function savedSettings(page: Page, items: Record<string, unknown>) {
  await page.addInitScript((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, JSON.stringify(value));
  }, items);
}

const CONFIGURATION = { id: 'c1', embeddingModelId: null, chunking: null, topK: 4, mode: 'vector', rerankModelId: null };

for (const [what, items, setting] of [
  ['a prompt template that is a number', { 'openbook.prompt': { state: { custom: 5 }, version: 0 } }, 'openbook.prompt.custom'],
  ['a prompt template that is an object', { 'openbook.prompt': { state: { custom: { text: 'x' } }, version: 0 } }, 'openbook.prompt.custom'],
  [
    'a question set that is not an array',
    { 'openbook.evaluation': { state: { questions: { a: 1 }, configurations: [CONFIGURATION] }, version: 1 } },
    'openbook.evaluation.questions',
  ],
  [
    'a question set with null items',
    { 'openbook.evaluation': { state: { questions: [null, null], configurations: [CONFIGURATION] }, version: 1 } },
    'openbook.evaluation.questions',
  ],
  ['a largest file size of −1', { 'openbook.ingest': { state: { maxFileMB: -1 }, version: 0 } }, 'openbook.ingest.maxFileMB'],
] as const) {
  test(`saved settings with ${what} are reset with a notice; the app and the workspace work`, async ({ page }, testInfo) => {
    const { before } = await goodWorkspace(page, testInfo.outputPath('good.zip'));
    await savedSettings(page, items);
    await reloadAndWaitForRestore(page);
    await expect(page.getByTestId('app-notices')).toContainText(`A saved setting (${setting}) was not valid and was reset to its default.`);
    await sameWorkspace(page, before);
    if (setting === 'openbook.ingest.maxFileMB') {
      await expect(page.getByLabel('Largest file (MB)')).toHaveValue('100');
      await page
        .getByLabel('Choose files')
        .setInputFiles({ name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('Basalt cools into columns. '.repeat(45)) });
      await filesRead(page);
      await expect(documentList(page)).toContainText('small.txt');
    }
  });
}

/** Put a record in the saved documents (of the live workspace) as something outside the app could have. */
async function storedRecord(page: Page, record: Record<string, unknown>) {
  await page.evaluate(
    (rec) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('openbook-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // Into the live workspace: the generation the `current` row names (see workspaceDb.ts).
          const tx = db.transaction(['documents', 'current'], 'readwrite');
          const current = tx.objectStore('current').get('current');
          current.onsuccess = () => {
            const gen = (current.result as { gen?: string } | undefined)?.gen ?? 'g0';
            tx.objectStore('documents').add({ ...rec, gen });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    record,
  );
}

for (const [field, record] of [
  ['addedAt', { id: 'doc-yesterday', name: 'yesterday.txt', kind: 'text', text: 'Written yesterday.', sizeBytes: 18, addedAt: 'yesterday' }],
  ['text', { id: 'doc-null', name: 'null-text.txt', kind: 'text', text: null, sizeBytes: 4, addedAt: 1_700_000_000_000 }],
  ['id', { id: 'constructor', name: 'constructor.txt', kind: 'text', text: 'A prototype key.', sizeBytes: 16, addedAt: 1_700_000_000_000 }],
] as const) {
  test(`a saved document record whose ${field} is unusable is left out with a notice; the others stay`, async ({ page }, testInfo) => {
    const { before } = await goodWorkspace(page, testInfo.outputPath('good.zip'));
    await storedRecord(page, record);
    for (let visit = 0; visit < 2; visit++) {
      await reloadAndWaitForRestore(page);
      await expect(page.getByTestId('app-notices')).toContainText(
        `A saved document, ${record.name}, could not be used (its ${field} is not valid) and was left out.`,
      );
      await sameWorkspace(page, before);
    }
  });
}

test('a largest file size of −1 is shown as invalid and not applied: the last valid limit stays in force', async ({ page }) => {
  await openApp(page);
  const field = page.getByLabel('Largest file (MB)');
  await field.fill('-1');
  await expect(page.getByText('Enter a size from 0.01 to 2048 MB')).toBeVisible();
  await page
    .getByLabel('Choose files')
    .setInputFiles({ name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.from('Basalt cools into columns. '.repeat(45)) });
  await filesRead(page);
  await expect(documentList(page)).toContainText('small.txt');
  await expect(page.getByText(/larger than the limit/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Largest file (MB)')).toHaveValue('100');
});
