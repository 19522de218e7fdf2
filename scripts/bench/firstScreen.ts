// Suite "first-screen": what a first visit with an empty workspace costs, in headless Chromium against a
// production build served by `vite preview`: gzip bytes of the JavaScript and CSS the page and its workers
// load, and apart from them the wasm (each file gzipped here at level 9, as a static host would serve it), the number of such files, the
// time until the app answers (its Documents heading visible) and a time to interactive (the end of the last
// long task before a quiet 1 s window, at least the moment the app answered). Also the bytes the service
// worker precaches on install (its manifest in sw.js), which is what a first visit downloads in the background.
// The service worker is blocked during the page measurement, so that its precache does not count as the page's.
//   BENCH_DIST=dir (default: a fresh build in .tmp/bench-dist)  BENCH_PORT=4298  BENCH_RUNS=3
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { findChromium } from '../find-chromium.mjs';
import { round, type BenchRecord, type BenchSuite } from './common';

const PORT = Number(process.env.BENCH_PORT ?? 4298);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function distFolder(): string {
  const given = process.env.BENCH_DIST;
  if (given) {
    if (!existsSync(join(given, 'index.html'))) throw new Error(`BENCH_DIST=${given} holds no build (index.html).`);
    return given;
  }
  const dir = '.tmp/bench-dist';
  console.log(`Building into ${dir} ...`);
  execFileSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir'], { stdio: 'ignore' });
  return dir;
}

const gzipBytes = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** The files the service worker precaches on install, from the manifest Workbox writes into sw.js. */
function precacheBytes(dist: string): { files: number; raw: number; gzip: number } {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const path = join(dist, decodeURI(url));
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    raw += bytes.length;
    gzip += gzipBytes(bytes);
  }
  return { files: urls.length, raw, gzip };
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; ; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (i > 200) throw new Error(`vite preview did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Visit {
  gzip: number;
  wasmGzip: number;
  raw: number;
  files: string[];
  appMs: number;
  ttiMs: number;
}

async function visit(url: string): Promise<Visit> {
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
    await context.route(
      (u) => u.hostname !== 'localhost',
      (route) => route.abort('blockedbyclient'),
    );
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: Array<[number, number]> };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.startTime + e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    const loads: Array<Promise<{ url: string; bytes: Buffer } | null>> = [];
    context.on('response', (response) => {
      const u = response.url();
      if (!/\.(m?js|css|wasm)(\?|$)/.test(u)) return;
      loads.push(
        response.body().then(
          (bytes) => ({ url: u, bytes }),
          () => null,
        ),
      );
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    const appMs = await page.evaluate(() => performance.now());
    // Quiet: no long task for 1 s (the start-up's model checks and restore are done by then).
    let tasks: Array<[number, number]> = [];
    for (;;) {
      await page.waitForTimeout(250);
      const { now, list } = await page.evaluate(() => ({
        now: performance.now(),
        list: (window as unknown as { __longTasks: Array<[number, number]> }).__longTasks,
      }));
      tasks = list;
      const lastEnd = Math.max(0, ...list.map((t) => t[1]));
      if (now - Math.max(lastEnd, appMs) >= 1000) break;
    }
    const ttiMs = Math.max(appMs, ...tasks.map((t) => t[1]));
    const files = (await Promise.all(loads)).filter((x): x is { url: string; bytes: Buffer } => x !== null);
    const unique = new Map(files.map((f) => [f.url, f.bytes]));
    let gzip = 0;
    let raw = 0;
    let wasmGzip = 0;
    for (const [u, bytes] of unique) {
      if (/\.wasm(\?|$)/.test(u)) {
        wasmGzip += gzipBytes(bytes);
        continue;
      }
      gzip += gzipBytes(bytes);
      raw += bytes.length;
    }
    return { gzip, wasmGzip, raw, files: [...unique.keys()].map((u) => new URL(u).pathname), appMs, ttiMs };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const firstScreenSuite: BenchSuite = {
  name: 'first-screen',
  async run(records: BenchRecord[]) {
    const dist = distFolder();
    const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
    const url = `http://localhost:${PORT}/`;
    try {
      await waitForServer(url);
      await visit(url); // warm-up (the server's and the disk's caches)
      const visits: Visit[] = [];
      for (let i = 0; i < RUNS; i++) visits.push(await visit(url));
      const last = visits.at(-1)!;
      const push = (metric: string, value: number, unit: string) =>
        records.push({ suite: 'first-screen', case: 'empty workspace', n: last.files.length, dim: 0, metric, value, unit });
      push('js+css gzip', round(last.gzip / 1024, 1), 'KB');
      push('js+css raw', round(last.raw / 1024, 1), 'KB');
      push('wasm gzip', round(last.wasmGzip / 1024, 1), 'KB');
      push('app visible p50', round(median(visits.map((v) => v.appMs))), 'ms');
      push('time to interactive p50', round(median(visits.map((v) => v.ttiMs))), 'ms');
      const pre = precacheBytes(dist);
      records.push({
        suite: 'first-screen',
        case: 'service worker precache',
        n: pre.files,
        dim: 0,
        metric: 'gzip',
        value: round(pre.gzip / 1024, 1),
        unit: 'KB',
      });
      records.push({
        suite: 'first-screen',
        case: 'service worker precache',
        n: pre.files,
        dim: 0,
        metric: 'raw',
        value: round(pre.raw / 1024, 1),
        unit: 'KB',
      });
      console.log(
        `JS+CSS loaded with an empty workspace: ${round(last.gzip / 1024, 1)} KB gzip (${round(last.raw / 1024, 1)} KB raw), ${last.files.length} files (wasm: ${round(last.wasmGzip / 1024, 1)} KB gzip):`,
      );
      for (const f of last.files) console.log(`  ${f}`);
      console.log(
        `App visible p50 ${round(median(visits.map((v) => v.appMs)))} ms, time to interactive p50 ${round(median(visits.map((v) => v.ttiMs)))} ms (${RUNS} runs)`,
      );
      console.log(`Service worker precache: ${pre.files} files, ${round(pre.gzip / 1024, 1)} KB gzip, ${round(pre.raw / 1024, 1)} KB raw`);
    } finally {
      if (server.pid) process.kill(-server.pid);
    }
  },
};
