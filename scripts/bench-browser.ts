// `npm run bench:browser`: the workspace in a real browser (Chromium, headless), at 1k and 10k chunks of
// 384 dimensions: import time of a workspace file, stored bytes per chunk (IndexedDB), the keyword index
// build that follows (in the keyword worker and the tokeniser workers) and a keyword question, reload to
// searchable ("Index ready", rebuilt from the stored vectors) and to keyword searchable (the keyword index
// loaded from its saved copy, or built again), export time, and memory per chunk (see rendererMemory). Not
// part of `npm test`.
// Needs a build in dist-e2e (`npm run test:e2e` makes one, or `npx vite build --outDir dist-e2e`).
// Records go to bench-results.json like `npm run bench` (suite "browser-workspace").
//   BENCH_BROWSER_SIZES=1000,10000  BENCH_PORT=4299  BENCH_RUNS=3  BENCH_DIST=dist-e2e  BENCH_FILE_LEVEL=6  BENCH_MARKS=1  BENCH_DISTINCT_TEXTS=1
// BENCH_MARKS=1 also prints the page's marks and the import's long tasks; BENCH_TRACE=1 what each main-thread
// task over 50 ms of the import (until BENCH_TRACE_AFTER ms after it is searchable, default 300) and of the
// first reload did (scripts/bench/longTaskTrace.ts, BENCH_TRACE_TOP functions each; tracing slows the page:
// take figures without it).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';
import type { BenchRecord } from './bench/common';
import { startLongTaskTrace } from './bench/longTaskTrace';
import { benchWorkspaceFile } from './bench/workspaceFixture';

const DIM = 384;
const MODEL = 'Xenova/all-MiniLM-L6-v2'; // a 384-dimensional model the site offers (it is never loaded here)
const SIZES = (process.env.BENCH_BROWSER_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4299);
const DIST = process.env.BENCH_DIST ?? 'dist-e2e';

/** A workspace file of n chunks (10 documents, chunks of 100 characters) with seeded random unit vectors. */
function workspaceFile(n: number): Buffer {
  const level = process.env.BENCH_FILE_LEVEL;
  return benchWorkspaceFile(n, {
    modelId: MODEL,
    dim: DIM,
    // BENCH_DISTINCT_TEXTS=1: every chunk's text its own; BENCH_FILE_LEVEL=6: every file deflated, vectors too.
    distinctTexts: !!process.env.BENCH_DISTINCT_TEXTS,
    ...(level ? { deflateLevel: Number(level) } : {}),
  });
}

/**
 * Memory of the page: `private` is the private resident memory (Private_Clean + Private_Dirty in
 * /proc/<pid>/smaps_rollup, Linux only) of Chromium's renderer processes, which hold the page's main thread,
 * its workers (the index, keyword, embedding workers...) and their wasm memories; `mainHeap` is the main
 * thread's JS heap in use (CDP Performance.getMetrics JSHeapUsedSize). Both after a forced garbage collection
 * in the page and in each of its workers (CDP HeapProfiler.collectGarbage): what is measured is what they hold.
 */
async function rendererMemory(
  browser: import('@playwright/test').Browser,
  page: import('@playwright/test').Page,
): Promise<{ private: number | null; mainHeap: number }> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  // The workers' garbage too (what they hold no longer), through the worker targets' own sessions.
  const { targetInfos } = await session.send('Target.getTargets');
  for (const t of targetInfos.filter((t) => t.type === 'worker')) {
    try {
      const { sessionId } = await session.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      const done = new Promise<void>((resolve) => {
        const listener = (e: { sessionId?: string; message: string }) => {
          if (e.sessionId === sessionId && (JSON.parse(e.message) as { id?: number }).id === 1) {
            session.off('Target.receivedMessageFromTarget', listener);
            resolve();
          }
        };
        session.on('Target.receivedMessageFromTarget', listener);
      });
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) });
      await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
      await session.send('Target.detachFromTarget', { sessionId });
    } catch {
      // a worker that ended meanwhile
    }
  }
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  const mainHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  await session.detach();
  // The backing stores of the buffers collected are freed after the collection, concurrently: give that time.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const browserSession = await browser.newBrowserCDPSession();
  const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo' as never)) as { processInfo: Array<{ type: string; id: number }> };
  await browserSession.detach();
  let total: number | null = 0;
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    try {
      const rollup = readFileSync(`/proc/${p.id}/smaps_rollup`, 'utf8');
      for (const m of rollup.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) total += Number(m[1]) * 1024;
    } catch {
      total = null;
      break;
    }
  }
  return { private: total, mainHeap };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!existsSync(`${DIST}/index.html`)) throw new Error(`No build in ${DIST}/: run \`npx vite build --outDir ${DIST}\` first.`);
  const server = spawn('npx', ['vite', 'preview', '--outDir', DIST, '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  const url = `http://localhost:${PORT}/`;
  for (let i = 0; ; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error('The preview server did not start.');
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  const records: BenchRecord[] = [];
  const record = (n: number, metric: string, value: number, unit: string) => {
    records.push({ suite: 'browser-workspace', case: `${n} chunks`, n, dim: DIM, metric, value: Math.round(value * 100) / 100, unit });
    console.log(`${String(n).padStart(6)} chunks  ${metric.padEnd(26)} ${value.toFixed(1)} ${unit}`);
  };
  try {
    for (const n of SIZES) {
      const file = workspaceFile(n);
      const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(url);
      await page.getByRole('heading', { name: 'Documents' }).waitFor();
      /** The time from each of these marks (openbook:<name>) to the next, as the page measured it. */
      const phasesOf = async (names: string[]) => {
        const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
        for (let i = 1; i < names.length; i++) {
          const from = marks[`openbook:${names[i - 1]}`];
          const to = marks[`openbook:${names[i]}`];
          if (from !== undefined && to !== undefined) record(n, `  ${names[i - 1]} to ${names[i]}`, to - from, 'ms');
        }
      };
      const idb = () =>
        page.evaluate(async () => ((await navigator.storage.estimate()) as { usageDetails?: { indexedDB?: number } }).usageDetails?.indexedDB ?? 0);
      const before = await idb();
      const memoryBefore = await rendererMemory(browser, page);
      const recordMemory = async (when: string) => {
        await page.waitForTimeout(3000); // let the workers' own garbage collections run
        const now = await rendererMemory(browser, page);
        if (now.private !== null && memoryBefore.private !== null)
          record(n, `renderer memory growth per chunk (${when})`, (now.private - memoryBefore.private) / n, 'B');
        record(n, `  main-thread JS heap growth per chunk (${when})`, (now.mainHeap - memoryBefore.mainHeap) / n, 'B');
      };

      // Long tasks (over 50 ms) on the page's main thread: how long the page stalls at most while it works.
      const observeLongTasks = () =>
        page.evaluate(() => {
          const w = window as unknown as { longTasks: Array<[number, number]> };
          w.longTasks = [];
          new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration] as [number, number]))).observe({
            type: 'longtask',
          });
        });
      /**
       * The longest task since this mark; with `withMarksTask`, also the task the mark was made in (not for
       * an import: there, it is Playwright's own task that hands the file to the page).
       */
      const longestTask = async (fromMark: string, withMarksTask: boolean) => {
        await page.waitForTimeout(200); // the observer reports a task after it ends
        return page.evaluate(
          ([mark, withTask]) => {
            const from = performance.getEntriesByName(mark)[0]?.startTime ?? Infinity;
            const tasks = (window as unknown as { longTasks: Array<[number, number]> }).longTasks.filter(
              ([start, duration]) => (withTask ? start + duration : start) >= from,
            );
            return tasks.reduce((most, [, duration]) => Math.max(most, duration), 0);
          },
          [fromMark, withMarksTask] as const,
        );
      };

      await observeLongTasks();
      const t0 = Date.now();
      // Playwright hands over buffers up to 50 MB; a larger file goes by its path.
      let input: string | { name: string; mimeType: string; buffer: Buffer } = { name: 'bench.zip', mimeType: 'application/zip', buffer: file };
      if (file.length > 40e6) {
        input = join(tmpdir(), `openbook-bench-${n}.zip`);
        writeFileSync(input, file);
      }
      // BENCH_TRACE=1: what each main-thread task over 50 ms of the import did (scripts/bench/longTaskTrace.ts; slows the page).
      const tracer = process.env.BENCH_TRACE === '1' ? await startLongTaskTrace(page) : null;
      await page.getByLabel('Workspace file to import').setInputFiles(input);
      const ready = await page.waitForFunction(
        (count) => (document.querySelector('[data-testid="index-summary"]')?.textContent ?? '').includes(`Index ready: ${count} chunks`) && performance.now(),
        n,
        { polling: 'raf', timeout: 120_000 },
      );
      record(n, 'import (file to searchable)', Date.now() - t0, 'ms');
      if (tracer) {
        await page.waitForTimeout(Number(process.env.BENCH_TRACE_AFTER ?? 300)); // what the page does once the index is ready counts too
        console.log((await tracer.stop(50)).text);
      }
      // Without the time Playwright takes to hand the file to the page (most of the above, for a large file).
      const chosen = await page.evaluate(() => performance.getEntriesByName('openbook:import-chosen')[0]?.startTime ?? null);
      if (chosen !== null) {
        record(n, 'import (chosen to searchable)', ((await ready.jsonValue()) as number) - chosen, 'ms');
        record(n, '  longest main-thread task', await longestTask('openbook:import-chosen', false), 'ms');
        if (process.env.BENCH_MARKS)
          console.log(
            'long tasks (start-duration, ms from the page start):',
            (await page.evaluate(() => (window as unknown as { longTasks: Array<[number, number]> }).longTasks))
              .map(([start, duration]) => `${start.toFixed(0)}-${duration.toFixed(0)}`)
              .join(' '),
          );
      }
      await phasesOf(['import-start', 'import-read', 'import-unpacked', 'import-saved', 'import-emptied', 'import-indexed']);
      if (process.env.BENCH_MARKS)
        console.log(
          Object.entries(await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))))
            .filter(([k]) => k.startsWith('openbook'))
            .sort((a, b) => a[1] - b[1])
            .map(([k, v]) => `${k.replace('openbook:', '')}=${v.toFixed(0)}`)
            .join(' '),
        );
      // The workspace is saved before the page shows it (the old one's rows go meanwhile): wait until IndexedDB holds at least the vectors, and stops changing.
      let stored = 0;
      for (let i = 0, last = -1; i < 240; i++) {
        stored = (await idb()) - before;
        if (stored >= n * DIM * 4 && stored === last) break;
        last = stored;
        await page.waitForTimeout(500);
      }
      record(n, 'stored bytes per chunk', stored / n, 'B');
      record(n, 'workspace file bytes per chunk', file.length / n, 'B');

      // The keyword index is built as soon as the index changes: its build time as the page measured it,
      // then a keyword question (the model behind the vectors is never loaded: keyword search needs none).
      const keywordBuild = await page.waitForFunction(
        (count) => performance.getEntriesByName('openbook:keyword-build').find((e) => (e as PerformanceMeasure).detail?.chunks === count)?.duration ?? false,
        n,
        { polling: 500, timeout: 300_000 },
      );
      record(n, 'keyword index build', (await keywordBuild.jsonValue()) as number, 'ms');
      await page.getByRole('radio', { name: /^Keyword/ }).check();
      await page.getByRole('textbox', { name: 'Question', exact: true }).fill('How hot is lava when it erupts? 熔岩的温度');
      const t2 = Date.now();
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page.getByTestId('retrieval-timing').filter({ hasText: 'keyword search' }).waitFor({ timeout: 60_000 });
      record(n, 'keyword question (click to results)', Date.now() - t2, 'ms');
      const timing = (await page.getByTestId('retrieval-timing').textContent()) ?? '';
      const keywordMs = /keyword search ([\d.,]+) ms/.exec(timing);
      if (keywordMs) record(n, '  keyword search (in the worker)', Number(keywordMs[1]!.replace(',', '')), 'ms');
      await recordMemory('after import');

      const reloads: number[] = [];
      const shown: number[] = [];
      const restores: number[] = [];
      const keywordReady: number[] = [];
      const keywordLoad: number[] = [];
      const keywordRestored: boolean[] = [];
      const phases = { start: [] as number[], read: [] as number[], index: [] as number[], committed: [] as number[] };
      for (let r = 0; r < RUNS; r++) {
        const reloadTracer = process.env.BENCH_TRACE === '1' && r === 0 ? await startLongTaskTrace(page) : null;
        await page.reload({ waitUntil: 'commit' });
        const heading = await page.waitForFunction(() => document.querySelector('h2') !== null && performance.now(), undefined, {
          polling: 'raf',
          timeout: 60_000,
        });
        shown.push((await heading.jsonValue()) as number);
        // Time from navigation start to the index being searchable, as the page itself measures it.
        const at = await page.waitForFunction(
          (count) => (document.querySelector('[data-testid="index-summary"]')?.textContent ?? '').includes(`Index ready: ${count} chunks`) && performance.now(),
          n,
          { polling: 'raf', timeout: 60_000 },
        );
        reloads.push((await at.jsonValue()) as number);
        if (reloadTracer) console.log(`reload:\n${(await reloadTracer.stop(30)).text}`);
        // Keyword search is ready when the keyword index is (loaded from its saved copy, or built again).
        const keywordAt = await page.waitForFunction(
          (count) => {
            const m = performance.getEntriesByName('openbook:keyword-build').find((e) => (e as PerformanceMeasure).detail?.chunks === count) as
              | PerformanceMeasure
              | undefined;
            return m ? { end: m.startTime + m.duration, ms: m.duration, restored: Boolean(m.detail?.restored) } : false;
          },
          n,
          { polling: 100, timeout: 300_000 },
        );
        const keyword = (await keywordAt.jsonValue()) as { end: number; ms: number; restored: boolean };
        keywordReady.push(keyword.end);
        keywordLoad.push(keyword.ms);
        keywordRestored.push(keyword.restored);
        const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
        if (process.env.BENCH_MARKS)
          console.log(
            Object.entries(marks)
              .filter(([k]) => k.startsWith('openbook'))
              .sort((a, b) => a[1] - b[1])
              .map(([k, v]) => `${k.replace('openbook:', '')}=${v.toFixed(0)}`)
              .join(' '),
          );
        const [start, read, indexed] = ['openbook:restore-start', 'openbook:workspace-read', 'openbook:index-restored'].map((m) => marks[m]);
        if (start !== undefined && read !== undefined && indexed !== undefined) {
          phases.start.push(start);
          phases.read.push(read - start);
          phases.index.push(indexed - read);
          const committed = marks['openbook:index-committed'];
          if (committed !== undefined) phases.committed.push(committed - read);
        }
        const restored = await page.getByTestId('index-restored').textContent();
        const ms = /([\d.,]+) (ms|s)/.exec(restored ?? '');
        if (ms) restores.push(Number(ms[1]!.replace(',', '')) * (ms[2] === 's' ? 1000 : 1));
      }
      await recordMemory('after reloads');
      record(n, 'reload to app shown', median(shown), 'ms');
      record(n, 'reload to searchable', median(reloads), 'ms');
      record(n, 'reload to keyword searchable', median(keywordReady), 'ms');
      record(n, '  keyword index loaded or built', median(keywordLoad), 'ms');
      record(n, '  keyword index loaded from its saved copy', keywordRestored.filter(Boolean).length, `of ${keywordRestored.length} reloads`);
      if (restores.length) record(n, 'restore (storage to index)', median(restores), 'ms');
      if (phases.start.length) {
        record(n, '  restore starts at', median(phases.start), 'ms');
        record(n, '  read from IndexedDB', median(phases.read), 'ms');
        record(n, '  index rebuilt in worker', median(phases.index), 'ms');
        // (The worker's part: it indexed each document's vectors as they were read, and is a document behind at the end.)
        if (phases.committed.length) record(n, '    of it, until the worker committed', median(phases.committed), 'ms');
      }

      await observeLongTasks();
      const t1 = Date.now();
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export workspace' }).click();
      await (await downloading).path();
      record(n, 'export (click to file)', Date.now() - t1, 'ms');
      // Without the time Playwright takes to save the download.
      const clicked = await page.evaluate(() => {
        const [from, to] = ['openbook:export-click', 'openbook:export-downloaded'].map((name) => performance.getEntriesByName(name)[0]?.startTime);
        return from !== undefined && to !== undefined ? to - from : null;
      });
      if (clicked !== null) {
        record(n, 'export (click to download)', clicked, 'ms');
        record(n, '  longest main-thread task', await longestTask('openbook:export-click', true), 'ms');
      }
      await phasesOf(['export-start', 'export-packed', 'export-written']);
      await context.close();
    }
  } finally {
    await browser.close();
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // the preview server has ended already
    }
  }
  const path = 'bench-results.json';
  const old = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchRecord[]) : [];
  writeFileSync(path, `${JSON.stringify([...old.filter((r) => r.suite !== 'browser-workspace'), ...records], null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
