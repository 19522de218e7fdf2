// The embedding map and the vector engine switch, driven as a person would.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, embed, openApp } from './steps';

const DOCS = ['volcanoes.md', 'tea.txt', '火山.txt'];

test('the embedding map shows every document, the question and its hits; UMAP draws the same chunks', async ({ page }) => {
  await openApp(page);
  await addFiles(page, ...DOCS);
  await embed(page);
  await page.getByLabel('Top k').fill('3');
  await askQuestion(page, 'How hot is lava when a volcano erupts?');

  const panel = page.getByRole('region', { name: 'Embedding map' });
  await panel.getByRole('button', { name: 'Draw the map' }).click();
  const map = panel.getByRole('group', { name: /^Embedding map: \d+ chunks projected with PCA/ });
  await expect(map).toBeVisible();

  // One colour per document, each with its dots, and a legend naming them.
  const legend = panel.getByRole('list', { name: 'Documents on the map' });
  await expect(legend.getByRole('listitem')).toHaveCount(DOCS.length);
  for (const name of DOCS) {
    await expect(legend).toContainText(name);
    expect(await panel.locator(`circle.map-point[data-doc="${name}"]`).count()).toBeGreaterThan(0);
  }
  const fills = await panel
    .locator('circle.map-point')
    .evaluateAll((cs) => new Set(cs.map((c) => `${c.getAttribute('data-doc')}=${c.getAttribute('fill')}`)).size);
  expect(fills).toBe(DOCS.length);
  await expect(panel.getByTestId('map-summary')).toContainText(/All \d+ chunks\. x: first principal component \([\d.]+% of the variance\)/);

  // The question is placed as a star, its 3 hits as buttons; the first hit is from volcanoes.md.
  await expect(panel.getByTestId('map-query')).toBeVisible();
  await expect(panel.getByRole('img', { name: 'The question: How hot is lava when a volcano erupts?' })).toBeVisible();
  const hits = panel.getByRole('button', { name: /^Result \d: / });
  await expect(hits).toHaveCount(3);
  await expect(hits.first()).toHaveAccessibleName(/^Result 1: volcanoes\.md, chunk \d+/);

  // Focusing a hit shows its chunk; Enter opens it in its document.
  await hits.first().focus();
  const tooltip = panel.getByTestId('map-tooltip');
  await expect(tooltip).toContainText('volcanoes.md · chunk');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Text of volcanoes.md').locator('mark')).toBeVisible();

  // Hovering a dot shows its chunk's text (the first tea.txt dot that no hit ring covers).
  const teaDots = panel.locator('circle.map-point[data-doc="tea.txt"]');
  let shown = false;
  for (let i = 0; i < (await teaDots.count()) && !shown; i++) {
    await teaDots.nth(i).hover({ force: true });
    shown = await expect(tooltip)
      .toContainText('tea.txt · chunk', { timeout: 1000 })
      .then(
        () => true,
        () => false,
      );
  }
  expect(shown).toBe(true);

  // The points as a table: every chunk, and the question's row.
  await panel.getByText(/The points as a table/).click();
  const rows = panel.getByRole('table', { name: 'The points of the embedding map' }).getByRole('row');
  const pointCount = await panel.locator('circle.map-point').count();
  await expect(rows).toHaveCount(pointCount + 2); // header + question + points

  // UMAP: the same chunks, laid out afresh; the question and hits are placed again.
  await panel.getByRole('radio', { name: 'UMAP' }).check();
  await panel.getByRole('button', { name: 'Redraw the map' }).click();
  await expect(panel.getByRole('group', { name: /projected with UMAP/ })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('map-summary')).toContainText('UMAP with seed 42');
  await expect(panel.locator('circle.map-point')).toHaveCount(pointCount);
  await expect(panel.getByTestId('map-query')).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Result \d: / })).toHaveCount(3);

  // Same data and seed: the same picture.
  const positions = () => panel.locator('circle.map-point').evaluateAll((cs) => cs.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`).join(' '));
  const first = await positions();
  await panel.getByRole('button', { name: 'Redraw the map' }).click();
  await expect(panel.getByRole('group', { name: /projected with UMAP/ })).toBeVisible({ timeout: 60_000 });
  await expect.poll(positions).toBe(first);
});

test('the vector engine switch: the exact scan (the default) or Voy answers, with the same chunks, and says which and how fast; Voy loads only when chosen', async ({
  page,
}) => {
  const voyWasm: string[] = [];
  page.on('request', (request) => {
    if (/voy_search_bg.*\.wasm$/.test(new URL(request.url()).pathname)) voyWasm.push(request.url());
  });
  await openApp(page);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);

  await expect(page.getByRole('radio', { name: /^Exact scan/ })).toBeChecked();
  await page.getByRole('radio', { name: /^Exact scan/ }).check();
  await askQuestion(page, 'Where does tea come from?');
  const answer = page.getByTestId('engine-answer');
  await expect(answer).toHaveText(/^Answered by exact scan in [\d.]+ ms\.$/);
  const texts = () => page.locator('.result-text').allTextContents();
  const byExact = await texts();
  // The exact scan answered without Voy: its wasm was never fetched.
  expect(voyWasm).toEqual([]);

  await page.getByRole('radio', { name: /^Voy/ }).check();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(answer).toHaveText(/^Answered by Voy \(k-d tree, WASM\) in [\d.]+ ms\.$/);
  expect(await texts()).toEqual(byExact);
  expect(voyWasm.length).toBeGreaterThan(0);

  // The choice is kept across a reload.
  await page.reload();
  await expect(page.getByRole('radio', { name: /^Voy/ })).toBeChecked();
});
