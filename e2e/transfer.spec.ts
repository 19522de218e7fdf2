// Importing a large workspace file shows its progress and can be cancelled: the workspace stays as it
// was (also after a reload), and the next import works as usual.
import { test, expect } from './fixtures';
import { addFiles, documentList, embed, openApp } from './steps';
import { workspaceFileOf } from './workspaceFileBuilder';

/**
 * A sound workspace file that takes the worker a while to unpack and check: many chunks of the fixture
 * model (64 dimensions), deflated as files from before were, so it is small to hand to the page.
 */
function largeWorkspaceFile(documents: number, chunksPerDocument: number): Buffer {
  const dimension = 64;
  const chunkLength = 10;
  const text = 'Lava flow'.padEnd(chunkLength, ' ').repeat(chunksPerDocument);
  const triples = Buffer.from(`[${Array.from({ length: chunksPerDocument }, (_, j) => `[${j},${j * chunkLength},${(j + 1) * chunkLength}]`).join(',')}]`);
  const vectors = Buffer.alloc(chunksPerDocument * dimension * 4);
  return workspaceFileOf(
    Array.from({ length: documents }, (_, n) => ({ id: `big-${n}`, text, triples, vectors, chunkCount: chunksPerDocument })),
    dimension,
    new Date(),
  );
}

test('an import shows its progress and, cancelled, leaves the workspace as it was', async ({ page }, testInfo) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  await embed(page);
  const summary = await page.getByTestId('index-summary').textContent();
  const exported = testInfo.outputPath('workspace.zip');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  await (await downloading).saveAs(exported);

  const big = largeWorkspaceFile(40, 15_000);
  await page.getByLabel('Workspace file to import').setInputFiles({ name: 'big.zip', mimeType: 'application/zip', buffer: big });
  const progress = page.getByRole('progressbar', { name: 'Importing big.zip' });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('transfer-progress')).toContainText(/Unpacking the file|Checking document/);
  await expect(page.getByRole('button', { name: 'Import workspace' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel import' }).click();

  const outcome = page.getByTestId('import-outcome');
  await expect(outcome).toHaveText('big.zip was not imported, and the current workspace is unchanged: the import was cancelled.');
  await expect(progress).toHaveCount(0);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(1);
  await expect(documentList(page)).toContainText('volcanoes.md');
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);

  await page.reload();
  await expect(page.getByText('Restoring your saved workspace…')).toHaveCount(0);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);

  // The next import runs in a fresh worker, as usual.
  await page.getByLabel('Workspace file to import').setInputFiles(exported);
  await expect(page.getByTestId('import-outcome')).toHaveText(/^Imported workspace\.zip: 1 documents and \d+ chunks/);
  await expect(page.getByTestId('index-summary')).toHaveText(summary!);
});
