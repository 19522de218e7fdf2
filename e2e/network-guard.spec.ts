// The guards in fixtures.ts are what prove the other tests never leave localhost and never break the
// Content-Security-Policy; here they are tested themselves.
import { test, expect } from './fixtures';

test('the network guard catches requests to other hosts, from the page and from a worker', async ({ page, externalRequests }) => {
  // The worker is served from the site's own origin (the Content-Security-Policy allows workers from there
  // only); https, which connect-src allows, so that the requests reach the guard rather than the CSP.
  const source = "fetch('https://example.invalid/from-worker').catch(() => {}).finally(() => postMessage('done'));";
  // (The page is cross-origin isolated: a dedicated worker's script must come with a compatible COEP header, as the
  // site's own scripts do, or the browser refuses to start it.)
  await page.route('**/network-guard-worker.js', (route) =>
    route.fulfill({ body: source, contentType: 'text/javascript', headers: { 'Cross-Origin-Embedder-Policy': 'credentialless' } }),
  );
  await page.goto('/');
  await page.evaluate(async () => {
    await fetch('https://example.invalid/from-page').catch(() => undefined);
    const worker = new Worker('/network-guard-worker.js');
    await new Promise((resolve) => (worker.onmessage = resolve));
  });
  expect(externalRequests).toEqual(expect.arrayContaining(['https://example.invalid/from-page', 'https://example.invalid/from-worker']));
  // Seen and refused; empty the list so that this test, which made them on purpose, passes.
  externalRequests.length = 0;
});

test('only the model host check (a HEAD of one config.json) is let through as expected, and refused all the same', async ({
  page,
  externalRequests,
  hostProbes,
}) => {
  await page.goto('/');
  const probe = 'https://huggingface.co/Xenova/multilingual-e5-small/resolve/main/config.json';
  const answered = await page.evaluate(async (url) => {
    const head = await fetch(url, { method: 'HEAD' }).then(
      () => true,
      () => false,
    );
    await fetch(url).catch(() => undefined); // a GET of the same file is a download: caught
    return head;
  }, probe);
  expect(answered).toBe(false);
  expect(hostProbes).toContain(probe);
  expect(externalRequests).toEqual([probe]);
  externalRequests.length = 0;
});

test('the CSP guard catches a Content-Security-Policy violation', async ({ page, cspViolations }) => {
  await page.goto('/');
  // An inline script is refused by script-src 'self'; the guard records it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.head.append(script);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  // Seen and refused; empty the list so that this test, which made it on purpose, passes.
  cspViolations.length = 0;
});
