// Switching the embedding model never mixes vectors: the app offers to re-embed, the old index keeps
// answering (with the old model's question vectors) while the new model embeds, and is replaced only
// once the new vectors are complete.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp, resultList, scores } from './steps';

const TEA = 'How should green tea be brewed?';

test('while another model re-embeds, the old index answers exactly as before; then the new one takes over', async ({ page }) => {
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  const summary = (await page.getByTestId('index-summary').textContent())!;
  const table = await askQuestion(page, TEA);
  await expect(table.getByRole('listitem').nth(0)).toContainText('tea.txt');
  const before = await scores(page);

  // A larger workspace, so that the new model's run has more than one batch.
  const lines = Array.from({ length: 2000 }, (_, i) => `Lava and tea, line ${i}.`).join('\n');
  await page.getByLabel('Choose files').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(lines) });
  await expect(documentList(page)).toContainText('big.txt');
  await page.getByRole('radio', { name: /Tiny wide test embedder/ }).check();
  // The new run waits after its first batch until released below (the app's test hook 'embed-batch'), so
  // that the questions are asked while it is under way, however fast the machine.
  await page.evaluate(() => {
    (window as unknown as { __openbookTest: { hold?: string[] } }).__openbookTest.hold = ['embed-batch'];
  });
  await page.getByRole('button', { name: /^Re-embed with Tiny wide test embedder/ }).click();
  await expect(page.getByTestId('old-index-searchable')).toContainText('made with openbook/tiny-embedder');
  const bar = page.getByRole('progressbar', { name: 'Chunks embedded' });
  await expect(bar).toBeVisible();

  // Ask meanwhile (another question first, so that each answer is seen to arrive): the same chunks with
  // the same scores, from the old index and the old model.
  const rows = resultList(page).getByRole('listitem');
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How hot is lava when a volcano erupts?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(rows.nth(0)).toContainText('volcanoes.md');
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(TEA);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(rows.nth(0)).toContainText('tea.txt');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await scores(page)).toEqual(before);
  await expect(page.getByTestId('index-summary')).toHaveText(summary);
  await expect(bar).toBeVisible(); // the new run was still going
  await page.evaluate(() => (window as unknown as { __openbookTest: { release(p: string): void } }).__openbookTest.release('embed-batch'));

  await expect(page.getByTestId('index-summary')).toContainText('1024-dimensional vectors from openbook/tiny-embedder-1024', { timeout: 120_000 });
  await expect(page.getByTestId('old-index-searchable')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Re-embed with/ })).toHaveCount(0);
});
