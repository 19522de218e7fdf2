// Getting documents in: good files, bad files, pasted text, the sample corpus, and the language switch.
import { test, expect } from './fixtures';
import { addFiles, documentList, openApp, showChunkList } from './steps';

test('each bad file gets its own message and the good documents stay', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'tea.txt');
  const list = documentList(page);
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await page.getByLabel('Choose files').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    { name: 'blank.md', mimeType: 'text/markdown', buffer: Buffer.from('  \n\n  ') },
  ]);
  await addFiles(page, 'binary.txt', 'volcanoes.md', 'tea.txt');

  const files = page.getByRole('list', { name: 'Files being added' });
  const row = (name: string) => files.getByRole('listitem').filter({ hasText: name });
  await expect(row('empty.txt')).toContainText('the file is empty (0 bytes).');
  await expect(row('report.pdf')).toContainText('this PDF is damaged');
  await expect(row('blank.md')).toContainText('there is no text in it, only blank space.');
  await expect(row('binary.txt')).toContainText('this is not text');
  await expect(files.getByRole('listitem').filter({ hasText: 'tea.txt' }).last()).toContainText('Already there');
  // The good ones are there, once each.
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // Removing one leaves the other.
  await page.getByRole('button', { name: 'Remove tea.txt' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('volcanoes.md');
});

test('pasted text becomes a document; empty paste is refused', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByRole('button', { name: 'Add document' }).click();
  await expect(page.locator('.notices')).toContainText('There is no text in it');
  await page.getByLabel('Title').fill('Notes');
  await page.getByLabel('Text', { exact: true }).fill('Magma rises through the crater of the volcano.');
  await page.getByRole('button', { name: 'Add document' }).click();
  await expect(documentList(page)).toContainText('Notes');
  await showChunkList(page);
  await expect(page.getByRole('list', { name: 'Chunks of Notes' })).toContainText('Magma rises');
});

test('the sample corpus loads with one click, in English and Chinese', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  const list = documentList(page);
  await expect(list.getByRole('listitem')).toHaveCount(5);
  await expect(list).toContainText('检索增强生成简介.md');
});

test('invalid chunk settings are explained and not applied', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  await showChunkList(page);
  const chunkItems = page.getByRole('list', { name: 'Chunks of volcanoes.md' }).getByRole('listitem');
  await expect(chunkItems.first()).toBeVisible();
  const before = await chunkItems.count();
  await page.getByLabel('Chunk size (characters)').fill('5');
  await expect(page.getByText('The chunk size must be at least 20 characters.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Chunks of volcanoes.md' }).getByRole('listitem')).toHaveCount(before);
});

test('the interface switches to Chinese and back', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('zh');
  await expect(page.getByRole('heading', { name: '文档' })).toBeVisible();
  await expect(page.getByRole('button', { name: '载入示例语料' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言', exact: true }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
});
