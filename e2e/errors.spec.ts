// Bad settings and failed downloads get a specific message where the user is looking.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp } from './steps';

test('a template without {context} gets a warning, and the filled prompt follows the edited template', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  await embed(page);
  await askQuestion(page, 'What is magma?');
  const template = page.getByRole('textbox', { name: 'Prompt template' });
  await template.fill('Answer briefly: {question}');
  await expect(page.getByText('The template has no {context} placeholder')).toBeVisible();
  await expect(page.getByTestId('filled-prompt')).toHaveText('Answer briefly: What is magma?');
  await page.getByRole('button', { name: 'Copy prompt' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Answer briefly: What is magma?');
  await template.fill('{context}\n{questoin}');
  await expect(page.getByText('{questoin} is not a known placeholder')).toBeVisible();
  await expect(page.getByText('The template has no {question} placeholder')).toBeVisible();
  await page.getByRole('button', { name: 'Default template (English)' }).click();
  await expect(page.locator('.template-editor .alert')).toHaveCount(0);
});

test('an embedding model that cannot be downloaded says so, and the documents stay', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  // A hub model, from a host where nothing listens: the real failure of an unreachable host.
  await page.getByRole('radio', { name: /all-MiniLM-L6-v2/ }).check();
  await page.getByText('Model download source').click();
  await page.getByLabel('Download models from').selectOption('custom');
  await page.getByLabel('Host URL').fill('not a url');
  await expect(page.getByText('The host must be a full http:// or https:// address')).toBeVisible();
  await page.getByLabel('Host URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Embed and index' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'The embedding model Xenova/all-MiniLM-L6-v2 could not be loaded' });
  await expect(error).toContainText(/network/i);
  await expect(documentList(page).getByRole('listitem')).toHaveCount(1);
  // The ways forward are offered where the message is: each that needs no download.
  await expect(error.getByText('Ways forward without this download:')).toBeVisible();
  for (const way of [
    'Search by keywords (no model)',
    'Import a model folder from disk (Models and storage)',
    'Use a mirror or your own host (Model download source)',
  ])
    await expect(error.getByRole('button', { name: way })).toBeVisible();
  await error.getByRole('button', { name: 'Use the built-in embedder (no download)' }).click();
  await expect(page.getByTestId('index-summary')).toContainText('openbook/lsa', { timeout: 60_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);

  // Back to a model the site serves: everything works.
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
  await embed(page);
});
