// Suite "browser-embedding" (`npm run bench:embedding`; `npm run bench:gpu` adds WebGPU): the real-size
// benchmark models (scripts/make-bench-models.ts: the shapes, sizes and dtypes of multilingual-e5-small,
// all-MiniLM-L6-v2, ms-marco-MiniLM-L-6-v2 and SmolLM2-135M, seeded weights) in the built app, in headless
// Chromium, driven as a person would (pick the model and the device, add a document, press Embed and index):
// - chunks/s of each embedding model on WASM at 1 thread (the site served without cross-origin isolation, as
//   before issue 16) and at N threads (with COOP/COEP: one per core, at most 4; the number the app shows is
//   recorded), and on WebGPU where the adapter is a real GPU (never a software one: SwiftShader's figure says
//   nothing about GPUs);
// - a 5 MB document end to end: the file chosen to the index searchable (reading, chunking, embedding,
//   indexing), and the longest main-thread task meanwhile;
// - with --gpu, per device: chunks/s, rerank pairs/s (the cross-encoder over the candidates of one
//   question) and chat tokens/s (SmolLM2-135M shape, q4 and q8, a fixed question). Without a real WebGPU adapter
//   (none, a fallback adapter, SwiftShader), --gpu says so and exits 0.
// Records go to bench-results.json (suite "browser-embedding", or "browser-gpu" with --gpu).
//   BENCH_DIST=dir (default: a fresh build in .tmp/bench-dist)  BENCH_PORT=4296 (and the next port)
//   BENCH_CHUNKS_BYTES=60000 (the document chunks/s is measured on)  BENCH_DOC_BYTES=5000000
//   BENCH_DOC_MODEL=all-MiniLM-L6-v2 (the model of the 5 MB run)  BENCH_MODELS=name,name (embedding models)
//   BENCH_CHAT_MODELS=name,name (chat models, e.g. SmolLM2-135M-Instruct-q8)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { isSoftwareAdapter } from '@openbook/core/deviceChoice';
import { findChromium } from './find-chromium.mjs';
import { round, type BenchRecord } from './bench/common';
import { serveStatic, type StaticSite } from './bench/staticServer';
import { benchDocument } from './bench-models/corpus';
import { BENCH_MODELS, BENCH_MODELS_DIR, makeBenchModels } from './make-bench-models';

const GPU = process.argv.includes('--gpu');
const SUITE = GPU ? 'browser-gpu' : 'browser-embedding';
const PORT = Number(process.env.BENCH_PORT ?? 4296);
const CHUNKS_BYTES = Number(process.env.BENCH_CHUNKS_BYTES ?? 60_000);
const DOC_BYTES = Number(process.env.BENCH_DOC_BYTES ?? 5_000_000);
const DOC_MODEL = process.env.BENCH_DOC_MODEL ?? 'all-MiniLM-L6-v2';
const EMBEDDERS = BENCH_MODELS.filter((m) => m.kind === 'embedding').map((m) => m.name);
const CHOSEN = process.env.BENCH_MODELS !== undefined ? process.env.BENCH_MODELS.split(',').filter(Boolean) : EMBEDDERS;
const RERANK_CANDIDATES = Number(process.env.BENCH_RERANK_CANDIDATES ?? 20);
const CHAT_TOKENS = Number(process.env.BENCH_CHAT_TOKENS ?? 64);
/** The chat models measured (BENCH_CHAT_MODELS=name,name; default: every benchmark chat model). */
const CHAT_MODELS = BENCH_MODELS.filter((m) => m.kind === 'chat' && (process.env.BENCH_CHAT_MODELS?.split(',').includes(m.name) ?? true));
/** Rerank pairs/s and chat tokens/s too (always with --gpu; on WASM alone with BENCH_RERANK_CHAT=1). */
const RERANK_CHAT = GPU || process.env.BENCH_RERANK_CHAT === '1';

const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// A real GPU under headless Chromium on Linux: WebGPU through Vulkan, the GPU block list ignored.
const GPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=vulkan', '--ignore-gpu-blocklist'];

const labelOf = (name: string) => BENCH_MODELS.find((m) => m.name === name)!.manifest.label as string;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function distFolder(): string {
  const given = process.env.BENCH_DIST;
  if (given) {
    if (!existsSync(join(given, 'index.html'))) throw new Error(`BENCH_DIST=${given} holds no build (index.html).`);
    return given;
  }
  const dir = '.tmp/bench-dist';
  console.log(`Building into ${dir} ...`);
  execFileSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
  return dir;
}

/** A fresh page of the app in the expert view (the device picker shows), with nothing leaving localhost. */
async function openApp(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('openbook.view', JSON.stringify({ state: { mode: 'expert' }, version: 1 })));
  await context.route(
    (u) => u.hostname !== 'localhost',
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: 'Documents' }).waitFor();
  return page;
}

/** The page's WebGPU adapter: none, or its name and whether it is a software renderer. */
async function probeAdapter(browser: Browser): Promise<{ name: string; software: boolean } | null> {
  // A blank page on localhost (WebGPU needs a secure origin; about:blank has no navigator.gpu), before any
  // build or model is made: a machine without a GPU is told so at once.
  const dir = mkdtempSync(join(tmpdir(), 'openbook-gpu-probe-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>probe</title>');
  const site = await serveStatic(dir, PORT, { isolated: false });
  const page = await (await browser.newContext()).newPage();
  try {
    await page.goto(site.url);
    const info = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(o?: unknown): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null> } }).gpu;
      const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) return null;
      const i = adapter.info ?? {};
      return {
        vendor: String(i.vendor ?? ''),
        architecture: String(i.architecture ?? ''),
        device: String(i.device ?? ''),
        description: String(i.description ?? ''),
        isFallbackAdapter: i.isFallbackAdapter === true || adapter.isFallbackAdapter === true,
      };
    });
    if (!info) return null;
    const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ') || 'unnamed adapter';
    return { name, software: isSoftwareAdapter(info, info.isFallbackAdapter) };
  } finally {
    await page.context().close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Long tasks (over 50 ms) on the page's main thread, from now on. */
const observeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
const longestTask = async (page: Page) => {
  await page.waitForTimeout(200); // the observer reports a task after it ends
  return page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
};

interface EmbedRun {
  chunks: number;
  chunksPerSecond: number;
  threads: number | null;
  /** File chosen to index ready, ms. */
  total: number;
  longestTask: number;
}

/** Add `text` as a file, embed it with `model` on `device`, and read what the app reports. */
async function embedRun(browser: Browser, site: StaticSite, model: string, device: 'WASM' | 'WebGPU', text: string): Promise<EmbedRun> {
  const page = await openApp(browser, site.url);
  const step = (what: string) => process.env.BENCH_VERBOSE && console.log(`  ${new Date().toISOString().slice(11, 19)} ${model} ${device}: ${what}`);
  try {
    await page.getByRole('radio', { name: new RegExp(escapeRegExp(labelOf(model))) }).check();
    step('model chosen');
    await page.getByLabel('Run on').selectOption({ label: device });
    await observeLongTasks(page);
    const t0 = Date.now();
    await addDocument(page, text);
    step(`file read in ${Date.now() - t0} ms`);
    await page.getByRole('button', { name: 'Embed and index' }).click();
    await page.getByTestId('index-summary').filter({ hasText: 'Index ready' }).waitFor({ timeout: 3_600_000 });
    const total = Date.now() - t0;
    step(`index ready after ${total} ms`);
    const speed = (await page.getByTestId('embedding-speed').textContent()) ?? '';
    // "Embedded 130 chunks in 42.07 s (3 chunks/s on WASM)": the rate from the count and the time (the
    // rate shown is rounded to a whole number).
    const m = /Embedded ([\d,]+) chunks? in ([\d,.]+) (s|ms) \([\d,.]+ chunks\/s on (\w+)\)/.exec(speed);
    if (!m) throw new Error(`No speed in "${speed}"`);
    if (m[4] !== device) throw new Error(`Embedded on ${m[4]}, not ${device}`);
    const chunks = Number(m[1]!.replace(/,/g, ''));
    const seconds = Number(m[2]!.replace(/,/g, '')) / (m[3] === 'ms' ? 1000 : 1);
    const threadsText = device === 'WASM' ? await page.getByTestId('device-threads').textContent() : null;
    return {
      chunks,
      chunksPerSecond: chunks / seconds,
      threads: threadsText ? Number(/\d+/.exec(threadsText)?.[0]) : null,
      total,
      longestTask: await longestTask(page),
    };
  } catch (error) {
    await page.screenshot({ path: '.tmp/bench-embedding-failure.png', fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
}

/** Add `text` as one file and wait until it is read. */
async function addDocument(page: Page, text: string): Promise<void> {
  await page.getByLabel('Choose files').setInputFiles({ name: 'bench-document.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page
    .getByRole('region', { name: 'Files', exact: true })
    .getByRole('status')
    .filter({ hasText: /^(\d+) of \1 done$/ })
    .waitFor({ timeout: 300_000 });
}

const QUESTION = 'How do honeybees tell their sisters where the flowers are?';

/**
 * Rerank pairs/s: keyword search (no embedding needed) brings RERANK_CANDIDATES candidates, the
 * ms-marco-MiniLM-L-6-v2-shaped cross-encoder scores each (question, chunk) pair on `device`. The second
 * question's figure (the first one loads the model).
 */
async function rerankRun(browser: Browser, site: StaticSite, device: 'WASM' | 'WebGPU', text: string): Promise<{ pairs: number; pairsPerSecond: number }> {
  const page = await openApp(browser, site.url);
  try {
    await addDocument(page, text);
    await page.getByRole('radio', { name: /^Keyword/ }).check();
    await page.getByText('Reranking: none').click();
    await page.getByRole('radio', { name: new RegExp(escapeRegExp(labelOf('ms-marco-MiniLM-L-6-v2'))) }).check();
    await page.getByLabel('Candidates per retriever (N)').fill(String(RERANK_CANDIDATES));
    await page.getByLabel('Run the reranker on').selectOption({ label: device });
    let speed = '';
    for (const question of [QUESTION, 'What does a queen bee do in a colony?']) {
      await page.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
      const before =
        (await page
          .getByTestId('rerank-speed')
          .textContent()
          .catch(() => null)) ?? '';
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      await page.waitForFunction(
        (old) => {
          const now = document.querySelector('[data-testid="rerank-speed"]')?.textContent ?? '';
          return now !== '' && now !== old;
        },
        before,
        { timeout: 1_800_000, polling: 500 },
      );
      speed = (await page.getByTestId('rerank-speed').textContent()) ?? '';
    }
    const m = /Reranked ([\d,]+) candidates? in ([\d,.]+) (s|ms) .* on (\w+)/.exec(speed);
    if (!m || m[4] !== device) throw new Error(`No rerank speed on ${device} in "${speed}"`);
    const pairs = Number(m[1]!.replace(/,/g, ''));
    return { pairs, pairsPerSecond: pairs / (Number(m[2]!.replace(/,/g, '')) / (m[3] === 'ms' ? 1000 : 1)) };
  } finally {
    await page.context().close();
  }
}

/** Chat tokens/s: a SmolLM2-135M-shaped model (`model`, q4 or q8) on `device`, answering one question from keyword-retrieved chunks. */
async function chatRun(
  browser: Browser,
  site: StaticSite,
  device: 'WASM' | 'WebGPU',
  model: string,
  text: string,
): Promise<{ prefill: number; decode: number; tokens: number }> {
  const page = await openApp(browser, site.url);
  try {
    await addDocument(page, text);
    await page.getByRole('radio', { name: /^Keyword/ }).check();
    await page.getByRole('radio', { name: device === 'WASM' ? 'transformers.js · WASM (CPU)' : 'transformers.js · WebGPU', exact: true }).check();
    await page.getByLabel('Chat model (transformers.js)').selectOption(`openbook-bench/${model}`);
    await page.getByText('Answer settings').click();
    await page.getByLabel('Max answer tokens').fill(String(CHAT_TOKENS));
    await page.getByRole('button', { name: 'Load model' }).click();
    await page.getByRole('button', { name: 'Loaded' }).waitFor({ timeout: 1_800_000 });
    await page.getByRole('textbox', { name: 'Question', exact: true }).fill(QUESTION);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await page.getByTestId('generation-stats').waitFor({ timeout: 1_800_000 });
    const stats = (await page.getByTestId('generation-stats').textContent()) ?? '';
    const m = /prefill ([\d,.]+) tokens\/s · decode ([\d,.]+) tokens\/s · [\d,]+ prompt tokens · ([\d,]+) answer tokens/.exec(stats);
    if (!m) throw new Error(`No generation figures in "${stats}"`);
    const num = (x: string) => Number(x.replace(/,/g, ''));
    return { prefill: num(m[1]!), decode: num(m[2]!), tokens: num(m[3]!) };
  } finally {
    await page.context().close();
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: [...BASE_ARGS, ...(GPU ? GPU_ARGS : [])] });
  if (GPU) {
    const adapter = await probeAdapter(browser);
    if (!adapter || adapter.software) {
      console.log(
        adapter
          ? `The only WebGPU adapter here is a software renderer (${adapter.name}): GPU benchmark skipped (its figures would say nothing about a GPU).`
          : 'No WebGPU adapter here (no GPU, or the browser does not offer WebGPU): GPU benchmark skipped.',
      );
      await browser.close();
      return;
    }
    console.log(`WebGPU adapter: ${adapter.name}`);
  }
  console.log('Generating (or finding cached) benchmark models ...');
  await makeBenchModels(BENCH_MODELS_DIR, { fp32: GPU });
  const dist = distFolder();
  const isolated = await serveStatic(dist, PORT, { models: BENCH_MODELS_DIR, isolated: true });
  const single = await serveStatic(dist, PORT + 1, { models: BENCH_MODELS_DIR, isolated: false });
  const records: BenchRecord[] = [];
  const record = (caseName: string, n: number, metric: string, value: number, unit: string) => {
    records.push({ suite: SUITE, case: caseName, n, dim: 384, metric, value: round(value, 2), unit });
    console.log(`${caseName.padEnd(52)} ${metric.padEnd(28)} ${round(value, 1)} ${unit}`);
  };
  try {
    // The machine's load when the suite starts: on a shared machine, the figures below are only comparable with others taken at a similar load.
    record(`load average over 1 min, ${cpus().length} cores`, 0, 'load average', loadavg()[0]!, '');
    const small = benchDocument(CHUNKS_BYTES);
    for (const model of CHOSEN) {
      for (const [site, label] of [
        [single, 'WASM, 1 thread (not isolated)'],
        [isolated, 'WASM, N threads (isolated)'],
      ] as const) {
        const run = await embedRun(browser, site, model, 'WASM', small);
        const name = `${model}, ${label.replace('N threads', `${run.threads} threads`)}`;
        record(name, run.chunks, 'chunks/s', run.chunksPerSecond, 'chunks/s');
      }
      if (GPU) {
        const run = await embedRun(browser, isolated, model, 'WebGPU', small);
        record(`${model}, WebGPU`, run.chunks, 'chunks/s', run.chunksPerSecond, 'chunks/s');
      }
    }
    if (RERANK_CHAT) {
      for (const device of GPU ? (['WASM', 'WebGPU'] as const) : (['WASM'] as const)) {
        const rerank = await rerankRun(browser, isolated, device, small);
        record(`ms-marco-MiniLM-L-6-v2, ${device}`, rerank.pairs, 'rerank pairs/s', rerank.pairsPerSecond, 'pairs/s');
        // q4 is what the app loads; q8 (model_quantized.onnx) for comparison: ONNX Runtime's WASM build has no
        // 4-bit kernel, so every MatMulNBits weight is dequantised to fp32 on every call (each decoded token).
        // On WASM also at 1 thread (the site not isolated): on a loaded machine, threads can cost more than they give.
        for (const chatModel of CHAT_MODELS) {
          for (const [site, suffix] of device === 'WASM'
            ? ([
                [isolated, ''],
                [single, ', 1 thread (not isolated)'],
              ] as const)
            : ([[isolated, '']] as const)) {
            const chat = await chatRun(browser, site, device, chatModel.name, small);
            const name = `SmolLM2-135M-Instruct ${chatModel.dtype}, ${device}${suffix}`;
            record(name, chat.tokens, 'prefill tokens/s', chat.prefill, 'tokens/s');
            record(name, chat.tokens, 'decode tokens/s', chat.decode, 'tokens/s');
          }
        }
      }
    }
    if (!GPU && DOC_BYTES > 0) {
      const run = await embedRun(browser, isolated, DOC_MODEL, 'WASM', benchDocument(DOC_BYTES));
      const name = `${(DOC_BYTES / 1e6).toFixed(1)} MB text, ${DOC_MODEL}, WASM ${run.threads} threads`;
      record(name, run.chunks, 'file chosen to searchable', run.total / 1000, 's');
      record(name, run.chunks, 'chunks/s (embedding)', run.chunksPerSecond, 'chunks/s');
      record(name, run.chunks, 'longest main-thread task', run.longestTask, 'ms');
    }
  } finally {
    await browser.close();
    await isolated.close();
    await single.close();
  }
  const path = 'bench-results.json';
  const old = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchRecord[]) : [];
  writeFileSync(path, `${JSON.stringify([...old.filter((r) => r.suite !== SUITE), ...records], null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
