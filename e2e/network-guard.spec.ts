// The guard in fixtures.ts is what proves the other tests never leave localhost; here it is tested itself.
import { test, expect } from './fixtures';

test('the network guard catches requests to other hosts, from the page and from a worker', async ({ page, externalRequests }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await fetch('http://example.invalid/from-page').catch(() => undefined);
    const source = "fetch('http://example.invalid/from-worker').catch(() => {}).finally(() => postMessage('done'));";
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    await new Promise((resolve) => (worker.onmessage = resolve));
  });
  expect(externalRequests).toEqual(expect.arrayContaining(['http://example.invalid/from-page', 'http://example.invalid/from-worker']));
  // Seen and refused; empty the list so that this test, which made them on purpose, passes.
  externalRequests.length = 0;
});

test('only the model host check (a HEAD of one config.json) is let through as expected, and refused all the same', async ({ page, externalRequests, hostProbes }) => {
  await page.goto('/');
  const probe = 'https://huggingface.co/Xenova/multilingual-e5-small/resolve/main/config.json';
  const answered = await page.evaluate(async (url) => {
    const head = await fetch(url, { method: 'HEAD' }).then(() => true, () => false);
    await fetch(url).catch(() => undefined); // a GET of the same file is a download: caught
    return head;
  }, probe);
  expect(answered).toBe(false);
  expect(hostProbes).toContain(probe);
  expect(externalRequests).toEqual([probe]);
  externalRequests.length = 0;
});
