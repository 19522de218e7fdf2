// The site built for a sub-path (BASE_PATH=/openbook/, as scripts/e2e.mjs builds dist-e2e-sub) works
// there: the app, its workers, ONNX Runtime's and Voy's wasm, the site's models and models.json, and the
// service worker all come from below /openbook/, and the whole loop runs with the fixture embedder.
import { test, expect } from './fixtures';
import { addFiles, askQuestion } from './steps';
import { SUBPATH_PORT } from './ports';

const ORIGIN = `http://localhost:${SUBPATH_PORT}`;
const APP = `${ORIGIN}/openbook/`;

test.use({ serviceWorkers: 'allow' });

test('the app built for /openbook/ loads, embeds, searches and installs its service worker there', async ({ page }) => {
  const requested: string[] = [];
  page.context().on('request', (request) => requested.push(request.url()));

  await page.goto(APP);
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  // models/models.json from the sub-path lists the site's fixture model.
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await page.getByLabel('Run on').selectOption({ label: 'WASM' });
  await page.getByRole('button', { name: 'Embed and index' }).click();
  await expect(page.getByTestId('index-summary')).toContainText('Index ready', { timeout: 90_000 });
  const table = await askQuestion(page, 'How hot is lava when a volcano erupts?');
  await expect(table.getByRole('listitem').nth(0)).toContainText('volcanoes.md');
  // Voy (not the default engine) is loaded when chosen, from the sub-path too.
  await page.getByRole('radio', { name: /^Voy/ }).check();
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByTestId('engine-answer')).toContainText('Answered by Voy');

  // The service worker's scope is the sub-path, and the manifest is served there.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(APP);
  await expect(page.getByRole('link', { name: 'Third-party licences' })).toHaveAttribute('href', '/openbook/third-party-licenses.txt');
  expect((await page.request.get(`${APP}third-party-licenses.txt`)).status()).toBe(200);
  const manifest = await page.request.get(`${APP}manifest.webmanifest`);
  expect(((await manifest.json()) as { name: string }).name).toContain('Openbook');

  // Everything the app fetched came from below /openbook/: the model, the ORT and Voy wasm, the workers.
  const paths = requested.filter((u) => u.startsWith(ORIGIN)).map((u) => new URL(u).pathname);
  expect(paths.filter((p) => !p.startsWith('/openbook/'))).toEqual([]);
  expect(paths.some((p) => p.startsWith('/openbook/models/openbook/tiny-embedder/'))).toBe(true);
  expect(paths.some((p) => /\/openbook\/assets\/ort-wasm-simd-threaded.*\.wasm$/.test(p))).toBe(true);
  expect(paths.some((p) => /\/openbook\/assets\/voy_search_bg.*\.wasm$/.test(p))).toBe(true);
});
