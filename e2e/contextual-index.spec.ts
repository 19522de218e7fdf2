// Contextual chunk headers in the app's own vector index (issue 14): switched on in step 3, the index says
// it is out of date until the chunks are embedded again, then vector search finds chunks by their
// document's title; the header is embedded, never shown.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { documentList, resultList, scores } from './steps';

const QUESTION = 'evaluating retrieval';

async function ask(page: Page) {
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by cosine similarity/);
}

const SAMPLE_NAMES = ['what-is-rag.md', 'chunking-and-embeddings.md', 'evaluating-retrieval.md', '检索增强生成简介.md', '提示词与幻觉.txt'];

/** The sample document each result card names, best first. */
async function resultDocuments(page: Page): Promise<string[]> {
  const cards = await resultList(page).getByRole('listitem').allTextContents();
  return cards.map((text) => SAMPLE_NAMES.find((name) => text.includes(name)) ?? '');
}

test('embedding with contextual headers: the index is marked out of date, then vector search finds chunks by their title', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(5);
  const step = page.getByRole('region', { name: 'Embed and index' });
  await step.getByRole('radio', { name: /LSA: the built-in embedder/ }).check();
  const headers = step.getByRole('checkbox', { name: 'Embed each chunk with its contextual header' });
  await expect(headers).not.toBeChecked();
  await step.getByRole('button', { name: 'Embed and index' }).click();
  const summary = page.getByTestId('index-summary');
  await expect(summary).toContainText('Index ready', { timeout: 90_000 });
  await expect(summary).not.toContainText('with contextual headers');

  await page.getByRole('radio', { name: /^Vector/ }).check();
  await ask(page);
  const plain = { documents: await resultDocuments(page), scores: await scores(page) };
  const fromEvaluation = (docs: string[]) => docs.filter((d) => d === 'evaluating-retrieval.md').length;
  // Without headers, chunks of other documents come among the first results.
  expect(fromEvaluation(plain.documents)).toBeLessThan(plain.documents.length);

  // Switched on: the index says it was embedded without them until it is embedded again.
  await headers.check();
  await expect(step.getByTestId('index-headers-stale')).toHaveText(
    'The index was embedded without contextual headers: press “Embed and index” to embed the chunks with them.',
  );
  await step.getByRole('button', { name: 'Embed and index' }).click();
  await expect(summary).toContainText('with contextual headers', { timeout: 90_000 });
  await expect(step.getByTestId('index-headers-stale')).toHaveCount(0);

  // The title is in every chunk's vector: more chunks of "evaluating-retrieval.md" rank first, with other scores.
  await ask(page);
  await expect.poll(() => scores(page)).not.toEqual(plain.scores);
  const headed = await resultDocuments(page);
  expect(headed[0]).toBe('evaluating-retrieval.md');
  expect(fromEvaluation(headed)).toBeGreaterThan(fromEvaluation(plain.documents));
  // The header is embedded, never shown: not in the results, not in the prompt.
  await expect(resultList(page).locator('.result-text').first()).not.toContainText('evaluating-retrieval.md ›');
  await expect(page.getByTestId('filled-prompt')).not.toContainText('evaluating-retrieval.md ›');

  // A reload keeps the choice and the index made with it.
  await page.reload();
  await expect(summary).toContainText('with contextual headers', { timeout: 60_000 });
  await expect(headers).toBeChecked();
  await expect(step.getByTestId('index-headers-stale')).toHaveCount(0);

  // Switched off again: out of date the other way.
  await headers.uncheck();
  await expect(step.getByTestId('index-headers-stale')).toHaveText(
    'The index was embedded with contextual headers: press “Embed and index” to embed the chunks without them.',
  );
});
