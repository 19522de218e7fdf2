// The e2e test fixtures: every test fails if the app makes any request to a host other than localhost,
// and if anything breaks the Content-Security-Policy (a securitypolicyviolation event in the page, or
// the browser's own "Content Security Policy" console message, from the page or a worker).
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLocalUrl(raw: string): boolean {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'ws:' && url.protocol !== 'wss:') return true;
  return LOCAL_HOSTS.has(url.hostname);
}

/**
 * The app's one check on open that the model host answers (src/state/models/modelAvailabilityStore.ts): a HEAD
 * of one model's config.json. It is refused like every other request to another host, so nothing leaves
 * the machine and the app sees the host as not reachable; but it is expected, so it is listed apart
 * (hostProbes) instead of failing the test. A GET of the same file (a real download) still fails it.
 */
export function isHostProbe(method: string, raw: string): boolean {
  return method === 'HEAD' && !isLocalUrl(raw) && new URL(raw).pathname.endsWith('/resolve/main/config.json');
}

const CSP_MESSAGE = /Content Security Policy|CSP violation/i;

/**
 * The view the app opens in (src/state/view/viewModeStore.ts). The tests drive expert controls (device, candidates,
 * MMR, threshold, index engine...), so they start in the expert view, written to localStorage before the app's
 * scripts run unless the page already chose one; e2e/layout.spec.ts and e2e/a11y.spec.ts set `viewMode: null`
 * to open as a first visit does (the beginner view).
 */
export const VIEW_MODE_KEY = 'openbook.view';

export const test = base.extend<{
  externalRequests: string[];
  hostProbes: string[];
  cspViolations: string[];
  viewMode: 'beginner' | 'expert' | null;
  startView: undefined;
}>({
  viewMode: ['expert', { option: true }],
  startView: [
    async ({ context, viewMode }, use) => {
      if (viewMode)
        await context.addInitScript(
          ([key, mode]) => {
            if (localStorage.getItem(key) === null) localStorage.setItem(key, JSON.stringify({ state: { mode }, version: 1 }));
          },
          [VIEW_MODE_KEY, viewMode] as const,
        );
      await use(undefined);
    },
    { auto: true },
  ],
  hostProbes: [async ({}, use) => use([]), { auto: true }],
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      context.on('console', (msg) => {
        if (CSP_MESSAGE.test(msg.text())) violations.push(msg.text());
      });
      const watchWorkers = (page: Page) =>
        page.on('worker', (worker) =>
          worker.on('console', (msg) => {
            if (CSP_MESSAGE.test(msg.text())) violations.push(msg.text());
          }),
        );
      context.pages().forEach(watchWorkers);
      context.on('page', watchWorkers);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  externalRequests: [
    async ({ context, hostProbes }, use) => {
      const external: string[] = [];
      // Requests to other hosts are recorded and refused, so nothing ever leaves the machine; host probes
      // are counted one by one as they are refused.
      await context.route(
        (url) => !isLocalUrl(url.href),
        (route) => {
          const { method, url } = { method: route.request().method(), url: route.request().url() };
          if (isHostProbe(method, url)) hostProbes.push(url);
          else if (!external.includes(url)) external.push(url);
          return route.abort('blockedbyclient');
        },
      );
      context.on('request', (request) => {
        const url = request.url();
        if (!isLocalUrl(url) && !isHostProbe(request.method(), url) && !external.includes(url)) external.push(url);
      });
      await use(external);
      expect(external, 'requests to hosts other than localhost').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A file from e2e/fixtures/documents. */
export const doc = (name: string) => path.join(import.meta.dirname, 'fixtures', 'documents', name);
