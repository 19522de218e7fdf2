// `npm run bench:ingest`: a 5 MB document from the moment it is chosen to searchable (vector index ready),
// in headless Chromium with the tiny fixture embedder on WASM, two ways: sequential (the file is read and
// chunked, then "Embed and index" is pressed, at once: a user who does not wait) and pipelined ("Embed and
// index files as they are added": reading, chunking, keyword index and embedding overlap). Also the longest
// main-thread task during each. Records go to bench-results.json (suite "browser-ingest"). Not part of
// `npm test`. Needs a build in dist-e2e with the fixture models beside it (`node scripts/e2e.mjs` makes one).
//   BENCH_INGEST_MB=5  BENCH_RUNS=3  BENCH_PORT=4298  BENCH_DIST=dist-e2e  BENCH_MODES=sequential,pipelined
// BENCH_TRACE=1 also prints what each main-thread task over 50 ms was doing (scripts/bench/longTaskTrace.ts;
// the tracing itself slows the page: only the longest task, in wall time and on a core, is recorded, as
// suite "browser-ingest-trace").
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { findChromium } from './find-chromium.mjs';
import type { BenchRecord } from './bench/common';
import { startLongTaskTrace, type LongTaskTrace, type LongTaskTracer } from './bench/longTaskTrace';

const MB = Number(process.env.BENCH_INGEST_MB ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4298);
const DIST = process.env.BENCH_DIST ?? 'dist-e2e';
const TRACE = process.env.BENCH_TRACE === '1';

const WORDS = (
  'lava magma volcano ash crater eruption tea leaf oolong steep kettle river delta flood bank valley rain cloud ' +
  'the a of and to in is was for on with as by at from it that this which be are were'
).split(' ');

/** A seeded English document of about `mb` MB: paragraphs of sentences. */
function largeDocument(mb: number): Buffer {
  const rand = mulberry32(16);
  const parts: string[] = [];
  let n = 0;
  while (n < mb * 1024 * 1024) {
    const sentences = Array.from({ length: 2 + Math.floor(rand() * 5) }, () => {
      const words = Array.from({ length: 6 + Math.floor(rand() * 14) }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
      return `${words.join(' ')}.`;
    });
    const p = sentences.join(' ');
    parts.push(p);
    n += p.length + 2;
  }
  return Buffer.from(parts.join('\n\n'));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Long tasks and the moment a file is chosen, recorded by the page from its start. */
const INIT = () => {
  // The expert view shows the device choice (Run on).
  if (localStorage.getItem('openbook.view') === null) localStorage.setItem('openbook.view', JSON.stringify({ state: { mode: 'expert' }, version: 1 }));
  const w = window as unknown as { longTasks: Array<[number, number]> };
  w.longTasks = [];
  new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration] as [number, number]))).observe({
    type: 'longtask',
    buffered: true,
  });
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as HTMLInputElement).type === 'file') performance.mark('bench:file-chosen');
    },
    true,
  );
};

async function searchableAt(page: Page, timeout: number): Promise<number> {
  const ready = await page.waitForFunction(
    () => (document.querySelector('[data-testid="index-summary"]')?.textContent ?? '').includes('Index ready') && performance.now(),
    undefined,
    {
      polling: 'raf',
      timeout,
    },
  );
  return (await ready.jsonValue()) as number;
}

async function main() {
  if (!existsSync(`${DIST}/index.html`) || !existsSync(`${DIST}/models`))
    throw new Error(`No build with the fixture models in ${DIST}/: run \`node scripts/e2e.mjs --list\` (or npm run test:e2e) first.`);
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
  const file = largeDocument(MB);
  const records: BenchRecord[] = [];
  const record = (mode: string, metric: string, value: number, unit: string) => {
    records.push({
      suite: TRACE ? 'browser-ingest-trace' : 'browser-ingest',
      case: `${MB} MB text, ${mode}`,
      n: file.length,
      dim: 0,
      metric,
      value: Math.round(value * 100) / 100,
      unit,
    });
    console.log(`${mode.padEnd(11)} ${metric.padEnd(36)} ${value.toFixed(1)} ${unit}`);
  };
  const modes = (['sequential', 'pipelined'] as const).filter((m) => (process.env.BENCH_MODES ?? 'sequential,pipelined').split(',').includes(m));
  const times = { sequential: [] as number[], pipelined: [] as number[] };
  const longest = { sequential: [] as number[], pipelined: [] as number[] };
  const over50 = { sequential: [] as number[], pipelined: [] as number[] };
  let chunks = 0;
  const traced = { sequential: [] as LongTaskTrace[], pipelined: [] as LongTaskTrace[] };
  try {
    // The two ways take turns, run after run, so that both meet the same load on a shared machine.
    for (let r = 0; r < RUNS; r++) {
      for (const mode of modes) {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        await context.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
        await context.addInitScript(INIT);
        const page = await context.newPage();
        await page.goto(url);
        await page.getByRole('heading', { name: 'Documents' }).waitFor();
        await page.getByRole('radio', { name: /Tiny test embedder/ }).check();
        await page.getByLabel('Run on').selectOption({ label: 'WASM' });
        const toggle = page.getByRole('checkbox', { name: 'Embed and index files as they are added' });
        if (mode === 'pipelined') await toggle.check();
        const tracer: LongTaskTracer | null = TRACE ? await startLongTaskTrace(page) : null;
        await page.getByLabel('Choose files').setInputFiles({ name: 'large.txt', mimeType: 'text/plain', buffer: file });
        if (mode === 'sequential') {
          // As soon as the document is in the list, "Embed and index" (which waits for its chunks).
          await page.getByRole('list', { name: 'Documents' }).getByText('large.txt').waitFor({ timeout: 120_000 });
          await page.getByRole('button', { name: 'Embed and index' }).click();
        }
        const at = await searchableAt(page, 600_000);
        await page.waitForTimeout(300); // the observer reports a task after it ends
        if (tracer) {
          const trace = await tracer.stop(50);
          console.log(trace.text);
          traced[mode].push(trace);
          console.log(
            await page.evaluate(() => {
              const all = [...document.querySelectorAll('body *')];
              const big = all
                .map((e) => ({ e, n: e.querySelectorAll('*').length, t: e.textContent?.length ?? 0 }))
                .filter(({ e }) => e.children.length > 0)
                .sort((a, b) => b.t - a.t)
                .slice(0, 8)
                .map(({ e, n, t }) => `${e.tagName.toLowerCase()}.${e.className} [${e.getAttribute('aria-label') ?? ''}] ${n} elements, ${t} chars`);
              return `DOM: ${all.length} elements, page ${document.documentElement.scrollHeight} px tall\n  ${big.join('\n  ')}`;
            }),
          );
        }
        const { chosen, most, over, when } = await page.evaluate(() => {
          const from = performance.getEntriesByName('bench:file-chosen')[0]?.startTime ?? 0;
          // From the task after the one the file was chosen in: that one is Playwright's own, handing the
          // file's bytes to the page (it decodes them there), which a user's drop does not cost.
          const tasks = (window as unknown as { longTasks: Array<[number, number]> }).longTasks.filter(([s]) => s >= from);
          const long = tasks.filter(([, d]) => d > 50);
          return {
            chosen: from,
            most: tasks.reduce((m, [, d]) => Math.max(m, d), 0),
            over: long.length,
            // When each one started (ms after the file was chosen) and how long it took.
            when: long.map(([s, d]) => `${Math.round(s - from)}+${Math.round(d)}`).join(' '),
          };
        });
        times[mode].push(at - chosen);
        longest[mode].push(most);
        over50[mode].push(over);
        chunks = Number(/Index ready: (\d+) chunks/.exec((await page.getByTestId('index-summary').textContent()) ?? '')?.[1] ?? 0);
        console.log(
          `  run ${r + 1} ${mode}: ${(at - chosen).toFixed(0)} ms to searchable, ${chunks} chunks, longest task ${most.toFixed(0)} ms, ${over} tasks over 50 ms${over > 0 ? ` (at ms+ms: ${when})` : ''}`,
        );
        await context.close();
      }
    }
    if (TRACE) {
      // Traced runs are slower: their times are not recorded, only where the main thread's time went.
      for (const mode of modes) {
        if (traced[mode].length === 0) continue;
        record(mode, 'longest main-thread task, traced (median)', median(traced[mode].map((t) => t.longestMs)), 'ms');
        record(mode, '  of it on a core (median)', median(traced[mode].map((t) => t.longestCpuMs)), 'ms');
      }
    } else {
      for (const mode of modes) {
        record(mode, 'file chosen to searchable (median)', median(times[mode]), 'ms');
        record(mode, 'file chosen to searchable (best)', Math.min(...times[mode]), 'ms');
        record(mode, '  longest main-thread task (median)', median(longest[mode]), 'ms');
        record(mode, '  main-thread tasks over 50 ms (median)', median(over50[mode]), 'tasks');
        record(mode, '  chunks', chunks, 'chunks');
      }
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
  const path = 'bench-results.json';
  const old = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchRecord[]) : [];
  const suite = TRACE ? 'browser-ingest-trace' : 'browser-ingest';
  writeFileSync(path, `${JSON.stringify([...old.filter((r) => r.suite !== suite), ...records], null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
