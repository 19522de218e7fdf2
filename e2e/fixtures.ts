// The e2e test fixture: every test fails if the app makes any request to a host other than localhost.
import { test as base, expect } from '@playwright/test';
import path from 'node:path';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLocalUrl(raw: string): boolean {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'ws:' && url.protocol !== 'wss:') return true;
  return LOCAL_HOSTS.has(url.hostname);
}

export const test = base.extend<{ externalRequests: string[] }>({
  externalRequests: [
    async ({ context }, use) => {
      const external: string[] = [];
      // Requests to other hosts are recorded and refused, so nothing ever leaves the machine.
      await context.route(
        (url) => !isLocalUrl(url.href),
        (route) => {
          external.push(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      context.on('request', (request) => {
        if (!isLocalUrl(request.url()) && !external.includes(request.url())) external.push(request.url());
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
