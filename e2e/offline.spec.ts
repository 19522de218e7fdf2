// After one visit the app works with no network: the service worker serves the app shell, the workers
// and the wasm of ONNX Runtime and Voy from its precache, the site's model from its runtime cache, and the
// workspace comes back from IndexedDB, so a question is answered offline with the fixture model.
import { test, expect } from './fixtures';
import { addFiles, askQuestion, documentList, embed, openApp, scores } from './steps';

test.use({ serviceWorkers: 'allow' });

const QUESTION = 'How hot is lava when a volcano erupts?';

test('after one visit the app loads and searches with the network off', async ({ page, context, baseURL }) => {
  await openApp(page);
  // The service worker has cached the app, says so, and controls the page.
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await addFiles(page, 'volcanoes.md', 'tea.txt');
  await embed(page);
  await askQuestion(page, QUESTION);
  const online = await scores(page);

  await context.setOffline(true);
  // The network is really off, for the page and its service worker alike.
  const reachable = await page.evaluate(
    async (url) =>
      fetch(url, { cache: 'no-store' }).then(
        () => true,
        () => false,
      ),
    `${baseURL}/not-cached-${Date.now()}.txt`,
  );
  expect(reachable).toBe(false);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(documentList(page).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('index-summary')).toContainText('Index ready');
  // The question loads the fixture model again (from the caches) and gets the same answer.
  const table = await askQuestion(page, QUESTION);
  await expect(table.getByRole('listitem').nth(0)).toContainText('volcanoes.md');
  expect(await scores(page)).toEqual(online);
  await context.setOffline(false);
});
