// LLM-written chunk context (issue 14, contextual retrieval) with the fixture chat model: its cost is stated
// before it starts, the contexts are written with progress, keyword search finds chunks by their context
// (never shown), and the index says it must be embedded again to use them.
import { test, expect } from './fixtures';
import { addFiles, chooseEngine, loadFixtureChatModel, openApp, resultList } from './steps';

/** The documents named by the result cards, best first. */
async function resultDocuments(page: import('@playwright/test').Page): Promise<string[]> {
  const cards = await resultList(page).getByRole('listitem').allTextContents();
  return cards.map((text) => ['volcanoes.md', 'tea.txt'].find((name) => text.includes(name)) ?? '');
}

test('chunk contexts by the chat model: cost first, then written, searched by keywords, never shown', async ({ page }) => {
  // Some tens of generations by the fixture chat model on the CPU: minutes on a busy machine.
  test.setTimeout(360_000);
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await page.getByRole('radio', { name: /^Keyword/ }).check();
  // Every chunk that matches comes back (the two documents make fewer chunks than this).
  await page.getByLabel('Top k').fill('20');
  const ask = async () => {
    await page.getByRole('textbox', { name: 'Question', exact: true }).fill('molten');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect(page.getByTestId('ranked-by')).toHaveText(/^Ranked by BM25 score/);
  };
  await ask();
  // Only the volcano document speaks of molten rock.
  expect(new Set(await resultDocuments(page))).toEqual(new Set(['volcanoes.md']));

  const step = page.getByRole('region', { name: 'Embed and index' });
  const panel = step.getByRole('group', { name: 'Chunk context by the chat model' });
  await panel.getByRole('checkbox', { name: /^Add a one-sentence context by the chat model to each chunk/ }).check();
  await expect(panel).toContainText('Load a chat model in step 6 first: it writes the contexts.');
  await expect(panel.getByRole('button', { name: 'What would it cost?' })).toBeDisabled();

  await chooseEngine(page, 'transformers.js · WASM (CPU)');
  await loadFixtureChatModel(page);
  await panel.getByRole('button', { name: 'What would it cost?' }).click();
  // The cost before anything is generated: one generation per chunk, tokens estimated.
  const cost = panel.getByTestId('chunk-context-cost');
  await expect(cost).toContainText(
    /^(\d+) chunks without a context: \1 generations by openbook\/tiny-chat, about [\d,]+ prompt tokens and at most [\d,]+ answer tokens\. 0 already have one\./,
  );
  const count = Number(/^(\d+)/.exec((await cost.textContent()) ?? '')![1]);
  expect(count).toBeGreaterThan(1);
  await cost.getByRole('button', { name: `Write ${count} contexts` }).click();
  await expect(panel.getByTestId('chunk-context-notice')).toHaveText(
    `${count} contexts written. Press “Embed and index” to embed the chunks with them; keyword search uses them at once.`,
    {
      timeout: 180_000,
    },
  );

  // The fixture model writes the same sentence for every chunk ("Lava is molten rock…"): now the tea
  // chunks match "molten" too, by their context alone, which the results never show.
  await ask();
  await expect.poll(async () => new Set(await resultDocuments(page))).toEqual(new Set(['volcanoes.md', 'tea.txt']));
  const teaCard = resultList(page).getByRole('listitem').filter({ hasText: 'tea.txt' }).first();
  await expect(teaCard.locator('.result-text')).not.toContainText('molten');
  await expect(page.getByTestId('filled-prompt')).not.toContainText('Lava is molten rock that erupts from a volcano.');

  // Ask also answered with the loaded chat model: the cost is asked for once it has finished (while it
  // answers, it is busy).
  await expect(page.getByTestId('generation-stats')).toContainText('answer tokens', { timeout: 120_000 });
  // Asked again, the cost counts them as kept: nothing to write.
  await panel.getByRole('button', { name: 'What would it cost?' }).click();
  await expect(cost).toContainText(`0 chunks without a context: 0 generations by openbook/tiny-chat`);
  await expect(cost).toContainText(`${count} already have one.`);

  // Embedded with them, the index says so.
  await step.getByRole('button', { name: 'Embed and index' }).click();
  await expect(page.getByTestId('index-summary')).toContainText('with chunk contexts', { timeout: 90_000 });
  await expect(step.getByTestId('index-contexts-stale')).toHaveCount(0);
});
