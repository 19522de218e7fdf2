// The header links to the third-party licences that the build writes (scripts/third-party-licenses.ts).
import { test, expect } from './fixtures';

test('the header links to the licences of the bundled packages, which the site serves', async ({ page }) => {
  await page.goto('/');
  const link = page.getByRole('link', { name: 'Third-party licences' });
  await expect(link).toHaveAttribute('href', '/third-party-licenses.txt');
  const response = await page.request.get('/third-party-licenses.txt');
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/^Openbook is MIT-licensed/);
  // Packages of the page (react), of a worker only (pdfjs-dist, chardet) and of the service worker (workbox-core).
  for (const name of ['react', 'pdfjs-dist', 'chardet', '@huggingface/transformers', 'workbox-core']) {
    expect(text).toContain(`\n${name}@`);
  }
  expect(text).toContain('License: Apache-2.0');
});
