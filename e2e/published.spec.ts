// A workspace published with the site opens from the page address (?workspace=…), with nothing to
// embed; where this browser already holds a workspace, the user is asked first; a missing file is explained.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, isHostProbe, isLocalUrl } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp, resultFacts, savedDocumentNames, scores } from './steps';

const QUESTION = 'How hot is lava when a volcano erupts?';

/** Build a workspace here and export it; returns the file and the first result of the question. */
async function publishedFile(page: Page, path: string) {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const table = await askQuestion(page, QUESTION);
  const top = await resultFacts(table.getByRole('listitem').nth(0));
  const score = (await scores(page))[0];
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  await (await downloading).saveAs(path);
  return { bytes: await readFile(path), top, score };
}

test('a published workspace opens from the address, searchable at once, with the same results', async ({ page: author, browser, baseURL }, testInfo) => {
  const published = await publishedFile(author, testInfo.outputPath('workspace.zip'));

  // A visitor with an empty browser: the site serves demo/workspace.zip (here through a route).
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const external: string[] = [];
  // As in fixtures.ts: other hosts are refused, and only the app's model host check is expected.
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  context.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !isHostProbe(r.method(), r.url())) external.push(r.url());
  });
  await context.route('**/demo/workspace.zip', (route) => route.fulfill({ body: published.bytes, contentType: 'application/zip' }));
  const page = await context.newPage();
  await page.goto('/?workspace=demo/workspace.zip');
  await expect(page.getByTestId('published-outcome')).toContainText('Opened the published workspace workspace.zip: 2 documents and');
  await expect(page.getByTestId('index-summary')).toContainText('Index ready');
  await expect(page.getByTestId('embedding-speed')).toHaveCount(0);
  expect(new URL(page.url()).search).toBe(''); // a reload keeps the workspace as it is now
  const table = await askQuestion(page, QUESTION);
  expect(await resultFacts(table.getByRole('listitem').nth(0))).toEqual(published.top);
  expect((await scores(page))[0]).toBe(published.score);
  expect(external).toEqual([]);
  await context.close();
});

test('over a workspace of its own, the address asks first; a missing file is explained', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  // The page is left next: wait until the document is saved (on a busy machine the save can still be under way).
  await expect.poll(() => savedDocumentNames(page)).toContain('tea.txt');
  await page.goto('/?workspace=demo/missing.zip');
  await expect(page.getByText('This address opens the published workspace missing.zip.')).toBeVisible();
  await page.getByRole('button', { name: 'Keep my workspace' }).click();
  await expect(documentList(page)).toContainText('tea.txt');
  expect(new URL(page.url()).search).toBe('');

  await page.goto('/?workspace=demo/missing.zip');
  await page.getByRole('button', { name: 'Open it', exact: true }).click();
  await expect(page.getByTestId('published-outcome')).toContainText(
    'The published workspace missing.zip could not be opened, and the current workspace is unchanged: the site answered with status 404',
  );
  await expect(documentList(page)).toContainText('tea.txt');

  await page.goto('/?workspace=https://example.org/w.zip');
  await expect(page.getByTestId('published-outcome')).toContainText('a file on another site is not fetched');
});
