// The README's screenshot (docs/screenshot.png), made again with `npm run screenshot`: builds the
// app with the tiny fixture models beside it (as the e2e tests do), serves it on localhost, and in Chromium
// (offline: every request to another host is refused) loads the sample corpus, embeds it with the fixture
// embedder, asks a question in hybrid mode, and takes the page at 1440 px wide with the stepper beside
// step 4. Options: --out <file> (default docs/screenshot.png), --lang en|zh, --port <n> (default 4399).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'docs/screenshot.png' }, lang: { type: 'string', default: 'en' }, port: { type: 'string', default: '4399' } },
});
const OUT_DIR = 'dist-screenshot';
const MODELS = 'e2e/.generated/models';

function run(cmd: string, args: string[]) {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

if (!existsSync(`${MODELS}/models.json`)) {
  run('npx', ['tsx', 'scripts/make-fixture-models.ts', MODELS]);
  run('npx', ['tsx', 'scripts/make-fixture-chat-model.ts', MODELS]);
}
rmSync(OUT_DIR, { recursive: true, force: true });
run('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn']);
cpSync(MODELS, `${OUT_DIR}/models`, { recursive: true });

const url = `http://localhost:${values.port}/`;
const server = spawn('npx', ['vite', 'preview', '--outDir', OUT_DIR, '--port', values.port!, '--strictPort'], { stdio: 'ignore', detached: true });
const stopServer = () => {
  if (server.pid) process.kill(-server.pid);
};

try {
  for (let i = 0; ; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 120) throw new Error(`the preview server did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, serviceWorkers: 'block' });
  await context.route(
    (u) => !['localhost', '127.0.0.1'].includes(u.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.addInitScript((lang) => localStorage.setItem('openbook.language', lang), values.lang!);
  await page.goto(url);
  const state = (step: string) => page.locator(`.step-rail [data-step="${step}"]`);
  await page.locator('#documents button', { hasText: /Load sample corpus|载入示例语料/ }).click();
  await state('chunks').and(page.locator('[data-state="done"]')).waitFor();
  await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
  await page.locator('#embedding button', { hasText: /^(Embed and index|嵌入并建立索引)$/ }).click();
  await state('embedding').and(page.locator('[data-state="done"]')).waitFor({ timeout: 120_000 });
  await page.locator('input[name="search-mode"][value="hybrid"]').check();
  await page
    .locator('#ask form input')
    .first()
    .fill(values.lang === 'zh' ? '分块为什么要重叠？' : 'Why do chunks overlap?');
  await page.locator('#ask form button[type="submit"]').click();
  await page.getByTestId('ranked-by').waitFor();
  await page.locator('.step-rail a[href="#ask"]').click();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: values.out! });
  await browser.close();
  console.log(`Wrote ${values.out}`);
} finally {
  stopServer();
}
