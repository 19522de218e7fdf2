// The "Models and storage" panel: the models this browser keeps, with their sizes, deleted one by one
// after a confirmation; and a model folder imported from disk, after which the model loads with no
// request for its files.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, askQuestion, embed, openApp } from './steps';

const FIXTURE_MODEL = path.join(import.meta.dirname, '.generated', 'models', 'openbook', 'tiny-embedder');

/** Total size of the files in a folder, recursively. */
function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? folderBytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size),
    0,
  );
}

async function openPanel(page: Page) {
  await page.getByText('Models and storage', { exact: true }).click();
  await expect(page.getByTestId('models-storage')).toContainText(/This site uses .* of the .*/);
}

test('a model used once is listed with its size; deleting it asks first, then it is gone', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  await embed(page);
  await openPanel(page);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const table = page.getByRole('table', { name: 'Models kept in this browser' });
  const row = table.getByRole('row').filter({ hasText: 'openbook/tiny-embedder' });
  await expect(row).toContainText('transformers.js');
  // Every file transformers.js fetched (config, tokenizer files, weights), with its full size.
  await expect(row.locator('td[data-bytes]')).toHaveAttribute('data-bytes', String(folderBytes(FIXTURE_MODEL)));

  await row.getByRole('button', { name: 'Delete openbook/tiny-embedder' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this model?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Delete openbook/tiny-embedder' }).click();
  await dialog.getByRole('button', { name: 'Delete model' }).click();
  await expect(page.getByText('openbook/tiny-embedder was deleted from this browser.')).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'openbook/tiny-embedder' })).toHaveCount(0);
});

test('a model folder imported from disk loads with no request for its files', async ({ page }) => {
  const modelRequests: string[] = [];
  page.context().on('request', (r) => {
    if (r.url().includes('/models/openbook/tiny-embedder/')) modelRequests.push(r.url());
  });
  await openApp(page);
  await openPanel(page);
  await page.getByLabel('Import a model folder').setInputFiles(FIXTURE_MODEL);
  await expect(page.getByText(/Imported openbook\/tiny-embedder \(\d+ files\)/)).toBeVisible();
  const row = page.getByRole('table', { name: 'Models kept in this browser' }).getByRole('row').filter({ hasText: 'openbook/tiny-embedder' });
  await expect(row.locator('td[data-bytes]')).toHaveAttribute('data-bytes', String(folderBytes(FIXTURE_MODEL)));
  await page.getByText('Models and storage', { exact: true }).click(); // close the panel

  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const table = await askQuestion(page, 'How hot is lava when a volcano erupts?');
  await expect(table.getByRole('listitem').nth(0)).toContainText('volcanoes.md');
  expect(modelRequests).toEqual([]);
});

test('a folder without a known model is refused with its own message', async ({ page }) => {
  await openApp(page);
  await openPanel(page);
  await page.getByLabel('Import a model folder').setInputFiles(path.join(import.meta.dirname, 'fixtures', 'documents'));
  await expect(page.getByRole('alert')).toContainText('No model that Openbook offers was found in this folder.');
});
