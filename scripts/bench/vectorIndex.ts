// Vector index: voy-search (raw, and wrapped in VoyIndex with its guards) against the exact scan, on
// seeded random normalised vectors. Voy is loaded through loadVoyNode.ts, since Node cannot import the
// package's .wasm directly. Sizes: BENCH_SIZES (default 1000,10000,100000); queries per size:
// BENCH_QUERIES (default 200, and a quarter of that at 100k and more, where Voy takes ~70 ms a query).
// BENCH_VOY=0 leaves Voy out (the exact scans alone: no 1 GB, ~15 s Voy build at 100k).
// voy-raw and voy-background run up to 10k only (each is another Voy build, ~15 s and ~1 GB at 100k).
// exact: the app's ExactIndex (from 5k rows the int8 two-stage scan, its first stage on relaxed SIMD where
// the engine has it, else the wasm SIMD f32 scan); exact-int8: the same with relaxed SIMD off (the int8
// kernel, what engines without relaxed SIMD run); exact-f32: the two-stage scan off (the f32 SIMD scan);
// exact-js: scanning in plain JS. exact-2t: ExactIndex with stage 1 on two threads (a helper on a worker
// thread, as the app's index worker starts from THREADS_FROM = 10k rows, exactIndex.ts and scanThreads.ts); "1 thread" is exact.
// These take turns query by query (each exact query then starts with its int8 rows evicted by the others'
// scans); exact-warm and exact-2t-warm run the same queries back to back on one engine afterwards (the
// rows stay in cache: what a user asking question after question sees).
import { ExactIndex, quantizeInt8 } from '../../src/adapters/vectorIndex/exactIndex';
import { startNodeScanHelper } from '../../src/adapters/vectorIndex/scanHelperNode';
import { loadVoyNode } from '../../src/adapters/vectorIndex/loadVoyNode';
import type { IndexItem } from '../../src/adapters/vectorIndex/vectorIndex';
import { VOY_BATCH_SIZE, VoyIndex, type VoyConstructor } from '../../src/adapters/vectorIndex/voyIndex';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { percentile, round, sameSet, type BenchRecord, type BenchSuite } from './common';

const SUITE = 'vector-index';
const DIM = 384;
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const BASE_QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const queriesFor = (n: number) => (n >= 100_000 ? Math.max(20, Math.round(BASE_QUERIES / 4)) : BASE_QUERIES);
const EXTRA_VOY_BUILDS_UP_TO = 10_000;
const WITH_VOY = process.env.BENCH_VOY !== '0';
const K = 10;

async function benchSize(Voy: VoyConstructor, n: number, records: BenchRecord[]): Promise<void> {
  const QUERIES = queriesFor(n);
  const extraVoy = WITH_VOY && n <= EXTRA_VOY_BUILDS_UP_TO;
  const rand = mulberry32(1000 + n);
  const items: IndexItem[] = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, vector: randomUnitVector(rand, DIM) }));
  const queries = Array.from({ length: QUERIES }, () => randomUnitVector(rand, DIM));
  const put = (kase: string, metric: string, value: number, unit: string) =>
    records.push({ suite: SUITE, case: kase, n, dim: DIM, metric, value: round(value, unit === 'ms' ? 3 : 1), unit });

  put('all', 'queries', QUERIES, 'count');

  // Builds.
  const exact = new ExactIndex();
  let t0 = performance.now();
  await exact.build(items);
  put('exact', 'build', performance.now() - t0, 'ms');
  if (!exact.simd) throw new Error('no wasm SIMD here: the exact index scans in JS');
  const exactInt8 = new ExactIndex({ relaxed: false });
  t0 = performance.now();
  await exactInt8.build(items);
  put('exact-int8', 'build', performance.now() - t0, 'ms');
  const exactF32 = new ExactIndex({ twoStageFrom: Number.POSITIVE_INFINITY });
  t0 = performance.now();
  await exactF32.build(items);
  put('exact-f32', 'build', performance.now() - t0, 'ms');
  const exact2t = new ExactIndex({ helper: startNodeScanHelper, threadsFrom: 0 });
  t0 = performance.now();
  await exact2t.build(items);
  put('exact-2t', 'build', performance.now() - t0, 'ms');
  await exact2t.helperReady(); // (starting the helper is not part of the build or of any query)
  if (!exact2t.threaded) throw new Error('the helper thread did not start');
  const exactJs = new ExactIndex({ simd: false });
  t0 = performance.now();
  await exactJs.build(items);
  put('exact-js', 'build', performance.now() - t0, 'ms');

  // Raw Voy: new Voy() + add in batches of 5,000 (plain arrays); its search returns ids only.
  let raw: ReturnType<typeof rawVoy> | null = null;
  if (extraVoy) {
    t0 = performance.now();
    raw = rawVoy(Voy, items);
    put('voy-raw', 'build', performance.now() - t0, 'ms');
  }

  // VoyIndex: Voy plus the guards (own vector copy, dedup, re-scoring, margin).
  const voy = WITH_VOY ? new VoyIndex({ Voy }) : null;
  if (voy) {
    t0 = performance.now();
    const status = await voy.build(items);
    put('voy', 'build', performance.now() - t0, 'ms');
    if (status.engine !== 'voy') throw new Error(`VoyIndex fell back to ${status.engine}: ${status.fallbackReason}`);
  }

  // VoyIndex as the app's worker runs it: searchable (exactly) once the vectors are stored, Voy filled in
  // the background. 'build' is when build() returns (searchable); 'voy-ready' is when Voy has them all.
  if (extraVoy) {
    const background = new VoyIndex({ Voy, backgroundBuildFrom: 0 });
    t0 = performance.now();
    const first = await background.build(items);
    put('voy-background', 'build', performance.now() - t0, 'ms');
    const settled = await background.settled();
    put('voy-background', 'voy-ready', performance.now() - t0, 'ms');
    if (first.engine !== 'exact' || settled.engine !== 'voy') throw new Error('the background build did not go exact, then Voy');
    await background.clear();
  }

  // Queries: the three engines take turns on each query (rotating who goes first), so that they all
  // see the same machine load. The first 10 queries warm up and are not counted.
  const rescored: number[] = [];
  const int8Rescored: number[] = [];
  const int8Scans: boolean[] = [];
  const engines: Array<[string, (q: Float32Array) => Promise<string[]>]> = [
    [
      'exact',
      async (q) => {
        const ids = (await exact.search(q, K)).hits.map((h) => h.id);
        const scan = exact.lastScan!;
        int8Scans.push(scan.scan === 'int8');
        rescored.push(scan.rescored);
        return ids;
      },
    ],
    [
      'exact-int8',
      async (q) => {
        const ids = (await exactInt8.search(q, K)).hits.map((h) => h.id);
        int8Rescored.push(exactInt8.lastScan!.rescored);
        return ids;
      },
    ],
    [
      'exact-2t',
      async (q) => {
        const ids = (await exact2t.search(q, K)).hits.map((h) => h.id);
        // Below TWO_STAGE_FROM rows (or when stage 2 would be too big) the f32 scan answers, on one thread.
        if (exact2t.lastScan!.scan === 'int8' && exact2t.lastScan!.threads !== 2) throw new Error('exact-2t ran stage 1 on one thread');
        return ids;
      },
    ],
    ['exact-f32', async (q) => (await exactF32.search(q, K)).hits.map((h) => h.id)],
    ['exact-js', async (q) => (await exactJs.search(q, K)).hits.map((h) => h.id)],
  ];
  if (voy) engines.push(['voy', async (q) => (await voy.search(q, K)).hits.map((h) => h.id)]);
  if (raw) {
    const r = raw;
    engines.push(['voy-raw', async (q) => r.search(q, K).neighbors.map((x) => x.id)]);
  }
  // The floor for any scan of these vectors on one core, taking its turn with the engines (so under the
  // same load): reading each 64-byte cache line of the n x dim floats once (one float of every 16).
  const flat = new Float32Array(n * DIM);
  items.forEach((it, i) => flat.set(it.vector, i * DIM));
  let sink = 0;
  engines.push([
    'memory-read',
    async () => {
      let sum = 0; // a local: a captured variable would box every addition
      for (let j = 0; j < flat.length; j += 16) sum += flat[j]!;
      sink += sum;
      return [];
    },
  ]);
  // The same floor for the int8 copy that the two-stage scan's first stage reads (a quarter of the bytes):
  // the rows quantised as the index stores them (pages never written would all map to one zero page).
  const flat8 = new Int8Array(n * DIM);
  items.forEach((it, i) => quantizeInt8(it.vector, 0, DIM, flat8, i * DIM));
  engines.push([
    'memory-read-int8',
    async () => {
      let sum = 0;
      for (let j = 0; j < flat8.length; j += 64) sum += flat8[j]!;
      sink += sum;
      return [];
    },
  ]);
  const times = new Map<string, number[]>(engines.map(([name]) => [name, []]));
  const agree = new Map<string, number>(engines.filter(([name]) => name !== 'exact' && !name.startsWith('memory-read')).map(([name]) => [name, 0]));
  let sameOrder = 0;
  const warmup = 10;
  for (let i = -warmup; i < QUERIES; i++) {
    const q = queries[(i + QUERIES) % QUERIES]!;
    const ids = new Map<string, string[]>();
    for (let j = 0; j < engines.length; j++) {
      const [name, run] = engines[(i + warmup + j) % engines.length]!;
      t0 = performance.now();
      const result = await run(q);
      const ms = performance.now() - t0;
      if (i >= 0) times.get(name)!.push(ms);
      ids.set(name, result);
    }
    if (i < 0) continue;
    const truth = ids.get('exact')!;
    for (const name of agree.keys()) if (sameSet(ids.get(name)!, truth)) agree.set(name, agree.get(name)! + 1);
    if (voy && ids.get('voy')!.join() === truth.join()) sameOrder++;
  }
  if (Number.isNaN(sink)) throw new Error('unreachable');
  // Back to back: each engine runs every query in a row (after 10 warm-up queries), its rows in cache.
  const readInt8 = engines.find(([name]) => name === 'memory-read-int8')![1];
  for (const [name, run] of [
    ['exact-warm', async (q: Float32Array) => (await exact.search(q, K)).hits.length],
    ['exact-2t-warm', async (q: Float32Array) => (await exact2t.search(q, K)).hits.length],
    ['memory-read-int8-warm', async (q: Float32Array) => (await readInt8(q)).length + K],
  ] as const) {
    const list: number[] = [];
    for (let i = -warmup; i < QUERIES; i++) {
      const q = queries[(i + QUERIES) % QUERIES]!;
      t0 = performance.now();
      const hits = await run(q);
      const ms = performance.now() - t0;
      if (i >= 0) list.push(ms);
      if (hits !== K) throw new Error(`${name}: ${hits} hits`);
    }
    times.set(name, list);
  }
  for (const [name, list] of times) {
    put(name, 'query-p50', percentile(list, 50), 'ms');
    put(name, 'query-p95', percentile(list, 95), 'ms');
  }
  for (const [name, count] of agree) put(name, 'top10-agreement', (100 * count) / QUERIES, '%');
  // The two-stage scan: share of counted queries it answered (else the f32 scan did), rows re-scored.
  const counted = rescored.slice(-QUERIES);
  put('exact', 'int8-scans', (100 * int8Scans.slice(-QUERIES).filter(Boolean).length) / QUERIES, '%');
  put('exact', 'relaxed-simd', exact.relaxedScan ? 1 : 0, 'bool');
  put('exact', 'rescored-p50', percentile(counted, 50), 'count');
  put('exact', 'rescored-max', Math.max(...counted), 'count');
  const countedInt8 = int8Rescored.slice(-QUERIES);
  put('exact-int8', 'rescored-p50', percentile(countedInt8, 50), 'count');
  put('exact-int8', 'rescored-max', Math.max(...countedInt8), 'count');
  if (voy) put('voy', 'top10-same-order', (100 * sameOrder) / QUERIES, '%');
  raw?.free?.();
  await voy?.clear();
  await exact2t.clear(); // stops its helper thread
}

function rawVoy(Voy: VoyConstructor, items: IndexItem[]) {
  const raw = new Voy();
  for (let i = 0; i < items.length; i += VOY_BATCH_SIZE) {
    raw.add({
      embeddings: items.slice(i, i + VOY_BATCH_SIZE).map((it) => ({ id: it.id, title: '', url: '', embeddings: Array.from(it.vector) })),
    });
  }
  return raw;
}

function printTable(records: BenchRecord[]): void {
  const cases = [
    'voy-raw',
    'voy',
    'voy-background',
    'exact',
    'exact-2t',
    'exact-warm',
    'exact-2t-warm',
    'exact-int8',
    'exact-f32',
    'exact-js',
    'memory-read',
    'memory-read-int8',
    'memory-read-int8-warm',
  ];
  const metrics = ['build', 'voy-ready', 'query-p50', 'query-p95', 'top10-agreement', 'top10-same-order', 'int8-scans', 'rescored-p50', 'rescored-max'];
  const label: Record<string, string> = {
    build: 'build (ms)',
    'voy-ready': 'voy ready (ms)',
    'query-p50': 'query p50 (ms)',
    'query-p95': 'p95 (ms)',
    'int8-scans': 'two-stage (%)',
    'rescored-p50': 'rescored p50',
    'rescored-max': 'rescored max',
  };
  const header = ['n', 'dim', 'engine', ...metrics.map((m) => label[m] ?? `${m} (%)`)];
  const rows: string[][] = [];
  for (const n of SIZES) {
    for (const kase of cases) {
      const row = [String(n), String(DIM), kase];
      for (const metric of metrics) {
        const rec = records.find((r) => r.n === n && r.case === kase && r.metric === metric);
        row.push(rec ? String(rec.value) : '-');
      }
      rows.push(row);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(
    `\nRelaxed SIMD (exact's first stage): ${records.some((r) => r.case === 'exact' && r.metric === 'relaxed-simd' && r.value === 1) ? 'yes' : 'no'}.` +
      `\nQueries per size: ${SIZES.map((n) => `${n}: ${queriesFor(n)}`).join(', ')} (after 10 warm-up queries); k = ${K}. voy-raw: voy-search alone (ids only, no scores).` +
      `\nvoy: VoyIndex (one Voy item per distinct vector, exact cosine re-scoring, ${VOY_BATCH_SIZE}-item batches).` +
      `\nvoy-background: the app's worker setting; build = searchable (exact scan answers), voy ready = Voy filled.\nexact: ExactIndex (from 5k rows: int8 first stage with error bounds, on relaxed SIMD where the engine has it, then float64 re-scoring of the rows that may be in the top-k; else the f32 SIMD scan); exact-int8: the same on the int8 kernel (no relaxed SIMD); exact-f32: the f32 SIMD scan alone; exact-js: plain JS; exact-2t: exact with stage 1 on two threads (exact is 1 thread).\nexact-warm / exact-2t-warm: the same queries back to back on that engine alone (the others take turns query by query, evicting each other's rows from the caches).\ntwo-stage: share of counted queries the two-stage scan answered; rescored: rows it re-scored in float64 (best stage-1 upper bound first, stopping once no other row can enter the top-k).\nmemory-read: reading every cache line of the f32 vectors once, the floor for a scan of them on one core; memory-read-int8: the same for the int8 copy (the two-stage scan's first stage); memory-read-int8-warm: that back to back (from the caches). Agreement: share of queries whose top-10 id set equals the exact scan's.`,
  );
}

export const vectorIndexSuite: BenchSuite = {
  name: SUITE,
  async run(records) {
    const Voy = await loadVoyNode();
    for (const n of SIZES) await benchSize(Voy, n, records);
    printTable(records);
  },
};
