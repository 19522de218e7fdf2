// The semantic chunker with the chosen embedder (issue 14): with no model loaded the built-in LSA embedder
// measures the sentence windows; once the fixture embedding model is loaded (by embedding), the chunks are
// made again with it before they are embedded, and the chunk view names it.
import { test, expect } from './fixtures';
import { addFiles, documentList, embed, openApp } from './steps';

test('the semantic chunker measures with the loaded embedding model, and the chunk view says which', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  const step = page.getByRole('region', { name: 'Chunks', exact: true });
  await step.getByRole('combobox', { name: 'Chunker' }).selectOption({ label: 'Semantic: where the meaning changes' });
  await documentList(page).getByRole('button', { name: 'volcanoes.md', exact: true }).click();
  const chart = step.getByRole('region', { name: 'Distances between neighbouring sentence windows of volcanoes.md' });
  await expect(chart.getByTestId('semantic-embedder')).toHaveText(/^Distances measured by the built-in LSA embedder, fitted to this document/);
  await expect(chart.getByRole('heading')).toHaveText(/^Semantic breakpoints: \d+ of \d+ sentence gaps/);
  const byLsa = await chart.getByRole('heading').textContent();

  // Embedding loads the fixture model: the semantic chunks are made again with it, then embedded.
  await embed(page);
  await expect(chart.getByTestId('semantic-embedder')).toHaveText(
    'Distances measured by the loaded embedding model openbook/tiny-embedder (wasm), in the embedding worker.',
  );
  await expect(chart.getByRole('heading')).toHaveText(/^Semantic breakpoints: \d+ of \d+ sentence gaps/);
  // Other vectors, other distances: the threshold (and so the title) is not the built-in embedder's.
  await expect(chart.getByRole('heading')).not.toHaveText(byLsa!);
  // The index holds the chunks as they are now: none waits to be embedded.
  const summary = page.getByTestId('index-summary');
  await expect(summary).toContainText('Index ready');
  await expect(page.getByRole('region', { name: 'Embed and index' })).not.toContainText(/not in the index yet/);
});
