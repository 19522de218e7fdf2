// A workspace exported to one file comes back exactly when imported (same first chunk, same score, nothing
// embedded again), and a bad file is refused with its own message, leaving the workspace as it was.
import type { Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp, resultFacts, scores } from './steps';

const QUESTION = 'How hot is lava when a volcano erupts?';

/** The top result's card (text, document, position, scores) and its score. */
async function firstResult(page: Page) {
  const table = await askQuestion(page, QUESTION);
  const top = await resultFacts(table.getByRole('listitem').nth(0));
  return { top, score: (await scores(page))[0] };
}

async function exportWorkspace(page: Page, path: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  const download = await downloading;
  await download.saveAs(path);
  return download.suggestedFilename();
}

async function importWorkspace(page: Page, file: string | { name: string; buffer: Buffer }) {
  const files = typeof file === 'string' ? file : { ...file, mimeType: 'application/zip' };
  await page.getByLabel('Workspace file to import').setInputFiles(files);
  const outcome = page.getByTestId('import-outcome');
  await expect(outcome).toBeVisible();
  return outcome;
}

test('an exported workspace, imported after clearing, answers the same question with the same chunk and score', async ({ page }, testInfo) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Export workspace' })).toBeDisabled();
  await expect(page.getByTestId('export-needs-index')).toHaveText('Embed and index the documents first: a workspace file holds the index.');
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const summary = await page.getByTestId('index-summary').textContent();
  const before = await firstResult(page);
  expect(before.top.join(' ')).toContain('volcanoes.md');

  const path = testInfo.outputPath('workspace.zip');
  const name = await exportWorkspace(page, path);
  expect(name).toMatch(/^openbook-workspace-\d{4}-\d{2}-\d{2}\.zip$/);
  // The file holds the vectors as binary Float32 files.
  const files = unzipSync(await readFile(path));
  const manifest = JSON.parse(strFromU8(files['manifest.json']!));
  expect(manifest).toMatchObject({ schemaVersion: 1, app: 'openbook', embedding: { device: 'wasm' } });
  expect(manifest.documents.map((d: { name: string }) => d.name)).toEqual(['volcanoes.md', 'tea.txt']);
  expect(files['vectors/0.f32']!.byteLength).toBe(manifest.documents[0].chunkCount * manifest.embedding.dimension * 4);

  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('dialog', { name: 'Clear the workspace?' }).getByRole('button', { name: 'Clear everything' }).click();
  await expect(page.getByText('No documents yet.')).toBeVisible();
  await expect(page.getByText('The vector index is empty.')).toBeVisible();
  // Other settings now: the import brings back the file's model and chunk settings.
  const chunkSize = page.getByLabel('Chunk size (characters)');
  const chunkSizeBefore = await chunkSize.inputValue();
  await page.getByRole('radio', { name: /Tiny wide test embedder/ }).check();
  await chunkSize.fill('300');

  const outcome = await importWorkspace(page, path);
  await expect(outcome).toHaveText(`Imported workspace.zip: 2 documents and ${manifest.chunkCount} chunks, embedded with ${manifest.embedding.modelId}.`);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('radio', { name: /Tiny test embedder/ })).toBeChecked();
  await expect(chunkSize).toHaveValue(chunkSizeBefore);
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);
  await expect(page.getByTestId('embedding-speed')).toHaveCount(0);
  await expect(page.getByText(/not in the index yet/)).toHaveCount(0);
  const after = await firstResult(page);
  expect(after.top).toEqual(before.top);
  expect(after.score).toBe(before.score);

  // Saved like any workspace: it is still there after a reload.
  await page.reload();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);
});

test('a corrupt file, another format version and a missing vector are each refused with their own message', async ({ page }, testInfo) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const path = testInfo.outputPath('workspace.zip');
  await exportWorkspace(page, path);
  const good = unzipSync(await readFile(path));
  // Now the workspace differs from the file: one document fewer.
  await page.getByRole('button', { name: 'Remove tea.txt' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(1);
  const summary = await page.getByTestId('index-summary').textContent();

  const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
  const manifest = JSON.parse(strFromU8(good['manifest.json']!));
  const version99 = zipSync({ ...good, 'manifest.json': strToU8(JSON.stringify({ ...manifest, schemaVersion: 99 })) });
  const dimension: number = manifest.embedding.dimension;
  const shortVectors = zipSync({ ...good, 'vectors/1.f32': good['vectors/1.f32']!.slice(0, -dimension * 4) });
  const teaChunks: number = manifest.documents[1].chunkCount;

  const cases = [
    { name: 'random.zip', buffer: random, says: 'it is not a zip file, or it is damaged.' },
    { name: 'version-99.zip', buffer: Buffer.from(version99), says: 'it was made in format version 99; this version of Openbook reads version 1.' },
    { name: 'short.zip', buffer: Buffer.from(shortVectors), says: `tea.txt has ${teaChunks} chunks but ${teaChunks - 1} vectors.` },
  ];
  for (const bad of cases) {
    const outcome = await importWorkspace(page, bad);
    await expect(outcome).toHaveText(`${bad.name} was not imported, and the current workspace is unchanged: ${bad.says}`);
    await expect(page.getByRole('alert').filter({ hasText: bad.says })).toBeVisible();
    await expect(documentList(page).getByRole('listitem')).toHaveCount(1);
    await expect(documentList(page)).toContainText('volcanoes.md');
    await expect(page.getByTestId('index-summary')).toHaveText(summary!);
  }
  // Still the same after a reload: nothing stored was touched.
  await page.reload();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);
});
