// Suite "vector-index-browser": the exact index's search in headless Chromium (where relaxed SIMD is on
// by default since Chromium 114), as the app's index worker runs it: exact (the two-stage scan from 5k
// rows, first stage on relaxed SIMD), exact-int8 (the same on the int8 kernel: engines without relaxed
// SIMD), exact-f32 (the f32 SIMD scan). vectorIndexPage.ts is bundled with Vite and run on a blank page.
//   BENCH_VECTOR_BROWSER_SIZES (default 10000,100000)  BENCH_QUERIES (default 200; a quarter of that from 100k)
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { findChromium } from '../find-chromium.mjs';
import { percentile, round, type BenchSuite } from './common';
import type { PageResult } from './vectorIndexPage';

const SUITE = 'vector-index-browser';
const DIM = 384;
const K = 10;
const SIZES = (process.env.BENCH_VECTOR_BROWSER_SIZES ?? '10000,100000').split(',').map(Number);
const BASE_QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const queriesFor = (n: number) => (n >= 100_000 ? Math.max(20, Math.round(BASE_QUERIES / 4)) : BASE_QUERIES);

async function bundle(): Promise<string> {
  const outDir = '.tmp/bench-vector-page';
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: 'scripts/bench/vectorIndexPage.ts', formats: ['iife'], name: 'vectorBench', fileName: () => 'page.js' },
    },
  });
  return readFileSync(join(outDir, 'page.js'), 'utf8');
}

export const vectorIndexBrowserSuite: BenchSuite = {
  name: SUITE,
  async run(records) {
    const script = await bundle();
    const browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const rows: string[] = [];
      let relaxed = false;
      const version = browser.version();
      for (const n of SIZES) {
        const page = await browser.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.addScriptTag({ content: script });
        const queries = queriesFor(n);
        const result = await page.evaluate(
          ([size, dim, q, k]) => (globalThis as unknown as { runVectorBench: (...a: number[]) => Promise<PageResult> }).runVectorBench(size!, dim!, q!, k!),
          [n, DIM, queries, K],
        );
        await page.close();
        relaxed = result.relaxed;
        const put = (kase: string, metric: string, value: number, unit: string) =>
          records.push({ suite: SUITE, case: kase, n, dim: DIM, metric, value: round(value, unit === 'ms' ? 3 : 1), unit });
        put('all', 'queries', queries, 'count');
        put('exact', 'relaxed-simd', result.relaxed ? 1 : 0, 'bool');
        put('all', 'same-hits', (100 * result.agree) / queries, '%');
        for (const [name, list] of Object.entries(result.times)) {
          put(name, 'build', result.build[name]!, 'ms');
          put(name, 'query-p50', percentile(list, 50), 'ms');
          put(name, 'query-p95', percentile(list, 95), 'ms');
          put(name, 'rescored-p50', percentile(result.rescored[name]!, 50), 'count');
          rows.push(
            [String(n), name.padEnd(10), round(percentile(list, 50), 3), round(percentile(list, 95), 3), percentile(result.rescored[name]!, 50)].join('  '),
          );
        }
        rows.push(`${n}  same hits (ids and scores) in all three: ${round((100 * result.agree) / queries, 1)}% of ${queries} queries`);
      }
      console.log(`Chromium ${version}, relaxed SIMD: ${relaxed ? 'yes' : 'no'}; k = ${K}, ${DIM} dims, 10 warm-up queries.`);
      console.log('n  engine  query p50 (ms)  p95 (ms)  rescored p50');
      for (const r of rows) console.log(r);
    } finally {
      await browser.close();
    }
  },
};
