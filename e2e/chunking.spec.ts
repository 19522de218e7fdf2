// The chunkers, seen as a person sees them: pick each chunker and watch the chunks and statistics change,
// the chunks coloured over the text with their overlaps marked, two chunkings side by side, the heading
// path of a Markdown chunk, and the chunks the embedding model would cut short.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { addFiles, openApp, showChunkList } from './steps';

const chunkCount = (page: Page, view: 'a' | 'b' = 'a') => page.getByTestId(`chunk-count-${view}`);

test('each chunker gives its own chunks and statistics; overlaps are marked in the coloured view', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  const stats = page.getByLabel('Statistics of chunking A');

  // Recursive, 500 characters with 50 of overlap (the default).
  await expect(chunkCount(page)).toHaveText('5');
  // Tokens are counted with the fixture embedder's own tokenizer; nothing is over its 512 tokens.
  await expect(stats).toContainText('none: every chunk fits in Tiny test embedder (fixture)’s 512 tokens');
  await expect(stats).toContainText(/Tokens \(min \/ mean \/ max\)\s*\d+ \/ [\d.]+ \/ 102/);

  await page.getByRole('button', { name: 'Coloured' }).click();
  const coloured = page.getByRole('region', { name: 'Chunks of volcanoes.md, coloured over the text' });
  await expect(coloured).toContainText('A volcano is an opening');
  await expect(coloured.getByTitle('Overlap: in chunks 1 and 2')).toBeVisible();
  // No overlap asked for, none shown.
  await page.getByLabel('Overlap (characters)').fill('0');
  await expect(coloured.locator('mark')).toHaveCount(0);
  await expect(coloured.getByTitle('Chunk 5')).toBeVisible();

  const chunker = page.getByLabel('Chunker');
  await chunker.selectOption({ label: 'Fixed size in characters' });
  await page.getByLabel('Chunk size (characters)').fill('200');
  await page.getByLabel('Overlap (characters)').fill('20');
  await expect(chunkCount(page)).toHaveText('9');
  await expect(stats).toContainText(/Characters \(min \/ mean \/ max\)\s*\d+ \/ [\d.]+ \/ 200/);
  await expect(coloured.getByTitle('Overlap: in chunks 8 and 9')).toHaveText(/^.{20}$/s);

  await chunker.selectOption({ label: 'Sentences' });
  await expect(page.getByLabel('Sentences per chunk')).toHaveValue('3');
  await expect(chunkCount(page)).toHaveText('11');
  await page.getByLabel('Sentences of overlap').fill('0');
  await expect(coloured.locator('mark')).toHaveCount(0);

  await chunker.selectOption({ label: 'Tokens of the embedding model' });
  await expect(page.getByText('Counted with the tokenizer of the embedding model chosen in step 3 (Tiny test embedder (fixture)).')).toBeVisible();
  await expect(chunkCount(page)).toHaveText('3');
  // 128 tokens of text at most, plus [CLS] and [SEP] as the model sees them.
  await expect(stats).toContainText(/Tokens \(min \/ mean \/ max\)\s*\d+ \/ [\d.]+ \/ 130/);

  await chunker.selectOption({ label: 'Headings (Markdown sections)' });
  await expect(chunkCount(page)).toHaveText('5');
  await page.getByRole('button', { name: 'Chunks', exact: true }).click();
  const list = page.getByRole('list', { name: 'Chunks of volcanoes.md' });
  await expect(list.getByRole('listitem').nth(0)).toContainText('Section: Volcanoes');
  await expect(list.getByRole('listitem').nth(1)).toContainText('Section: Volcanoes › Magma and lava');
  await expect(list.getByRole('listitem').nth(1)).toContainText('## Magma and lava');

  // The chunker and its settings are kept across a reload.
  await page.reload();
  await expect(page.getByLabel('Chunker')).toHaveValue('heading');
});

test('chunks longer than the model’s maximum sequence length are counted, with how far over', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'repeated.md');
  await page.getByLabel('Chunk size (characters)').fill('8000');
  await page.getByLabel('Overlap (characters)').fill('0');
  await expect(chunkCount(page)).toHaveText('2');
  const stats = page.getByLabel('Statistics of chunking A');
  await expect(stats).toContainText(/2 chunks are longer than Tiny test embedder \(fixture\)’s 512 tokens: up to 963 tokens over \(1,083 tokens lost in all\)/);
  await showChunkList(page);
  await expect(page.getByRole('list', { name: 'Chunks of repeated.md' }).getByRole('listitem').first()).toContainText('963 tokens over the model’s limit');
});

test('two chunkings of the same document side by side', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md');
  await expect(chunkCount(page)).toHaveText('5');
  await page.getByLabel('Compare two chunkings').check();
  const compare = page.getByRole('group', { name: 'Two chunkings of volcanoes.md, side by side' });
  const a = compare.getByRole('region', { name: 'A: the chunking in use' });
  const b = compare.getByRole('region', { name: 'B: another chunking' });
  await expect(b.getByLabel('Chunker')).toHaveValue('sentence');
  await expect(chunkCount(page, 'b')).toHaveText('11');
  await b.getByLabel('Chunker').selectOption({ label: 'Fixed size in characters' });
  await b.getByLabel('Chunk size (characters)').fill('200');
  await b.getByLabel('Overlap (characters)').fill('20');
  await expect(chunkCount(page, 'b')).toHaveText('9');
  await a.getByLabel('Overlap (characters)').fill('0');
  await expect(chunkCount(page, 'a')).toHaveText('5');
  await expect(a.getByRole('region', { name: 'Chunks of volcanoes.md (A), coloured over the text' }).locator('mark')).toHaveCount(0);
  await expect(b.getByRole('region', { name: 'Chunks of volcanoes.md (B), coloured over the text' }).getByTitle('Overlap: in chunks 1 and 2')).toBeVisible();
  await expect(b.getByLabel('Statistics of chunking B')).toContainText(/Characters \(min \/ mean \/ max\)\s*\d+ \/ [\d.]+ \/ 200/);
});
