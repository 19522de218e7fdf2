// A first visit precaches the app shell only: the large runtimes (ONNX Runtime's wasm, transformers.js,
// WebLLM, the PDF reader) are not downloaded until used. "Make everything available offline" then keeps
// them all at once, with progress; with the network off, a PDF is read (the PDF reader comes from that cache).
import path from 'node:path';
import { test, expect } from './fixtures';
import { documentList, openApp } from './steps';

test.use({ serviceWorkers: 'allow' });

const generated = (name: string) => path.join(import.meta.dirname, '.generated', 'documents', name);

/** The URLs of every Cache API cache's entries, by cache name. */
const cacheContents = () =>
  caches.keys().then((names) => Promise.all(names.map(async (name) => [name, (await (await caches.open(name)).keys()).map((r) => r.url)] as const)));

test('the first visit precaches the shell only; the runtimes are kept on request, and a PDF is then read offline', async ({ page, context }) => {
  await openApp(page);
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // The precache holds the shell (the page, its entry script) and none of the large runtimes.
  const before = await page.evaluate(cacheContents);
  const precache = before.find(([name]) => name.startsWith('workbox-precache'))?.[1] ?? [];
  expect(precache.some((url) => /\/index\.html/.test(url))).toBe(true);
  expect(precache.some((url) => /\/assets\/index-[^/]+\.js/.test(url))).toBe(true);
  for (const runtime of [/ort-wasm-simd-threaded/, /generator\.worker-/, /embedder\.worker-/, /pdf\.worker-/]) {
    expect(
      precache.filter((url) => runtime.test(url)),
      String(runtime),
    ).toEqual([]);
  }

  // The models panel says what is kept and offers the rest, with its size.
  await page.locator('#models-panel > summary').click();
  const section = page.getByRole('region', { name: 'Runtimes for offline use' });
  await expect(section.getByTestId('offline-runtimes-kept')).toContainText(/are kept in this browser/);
  await section.getByRole('button', { name: /^Make everything available offline \(.+\)$/ }).click();
  await expect(section.getByTestId('offline-runtimes-kept')).toContainText('Everything is available offline', { timeout: 120_000 });

  // Every file of the build's list is now in the service worker's runtime cache.
  const missing = await page.evaluate(async () => {
    const { files } = (await (await fetch('offline-runtimes.json')).json()) as { files: { url: string }[] };
    const cache = await caches.open('openbook-runtimes');
    const absent: string[] = [];
    for (const file of files) if (!(await cache.match(new URL(file.url, location.href).href))) absent.push(file.url);
    return { absent, count: files.length };
  });
  expect(missing.count).toBeGreaterThan(5);
  expect(missing.absent).toEqual([]);

  // Offline, a reload still opens the app and a PDF is read: the PDF reader comes from the runtime cache.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await page.getByLabel('Choose files').setInputFiles(generated('two-pages.pdf'));
  await expect(documentList(page).getByRole('listitem').filter({ hasText: 'two-pages.pdf' })).toContainText(/PDF · [\d.]+ KB · 2 pages/);
  await context.setOffline(false);
});
