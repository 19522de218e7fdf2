// Vector index: voy-search (raw, and wrapped in VoyIndex with its guards) against the exact scan, on
// seeded random normalised vectors. Voy is loaded through loadVoyNode.ts, since Node cannot import the
// package's .wasm directly. Sizes: BENCH_SIZES (default 1000,10000), queries: BENCH_QUERIES (default 200).
import { ExactIndex } from '../../src/adapters/vectorIndex/exactIndex';
import { loadVoyNode } from '../../src/adapters/vectorIndex/loadVoyNode';
import type { IndexItem } from '../../src/adapters/vectorIndex/vectorIndex';
import { VOY_BATCH_SIZE, VoyIndex, type VoyConstructor } from '../../src/adapters/vectorIndex/voyIndex';
import { mulberry32, randomUnitVector } from '../../src/testing/seededRandom';
import { percentile, round, sameSet, type BenchRecord, type BenchSuite } from './common';

const SUITE = 'vector-index';
const DIM = 384;
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const K = 10;

async function benchSize(Voy: VoyConstructor, n: number, records: BenchRecord[]): Promise<void> {
  const rand = mulberry32(1000 + n);
  const items: IndexItem[] = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, vector: randomUnitVector(rand, DIM) }));
  const queries = Array.from({ length: QUERIES }, () => randomUnitVector(rand, DIM));
  const put = (kase: string, metric: string, value: number, unit: string) =>
    records.push({ suite: SUITE, case: kase, n, dim: DIM, metric, value: round(value, unit === 'ms' ? 3 : 1), unit });

  // Builds.
  const exact = new ExactIndex();
  let t0 = performance.now();
  await exact.build(items);
  put('exact', 'build', performance.now() - t0, 'ms');

  // Raw Voy: new Voy() + add in batches of 5,000 (plain arrays); its search returns ids only.
  t0 = performance.now();
  const raw = new Voy();
  for (let i = 0; i < n; i += VOY_BATCH_SIZE) {
    raw.add({
      embeddings: items
        .slice(i, i + VOY_BATCH_SIZE)
        .map((it) => ({ id: it.id, title: '', url: '', embeddings: Array.from(it.vector) })),
    });
  }
  put('voy-raw', 'build', performance.now() - t0, 'ms');

  // VoyIndex: Voy plus the guards (own vector copy, dedup, re-scoring, margin).
  const voy = new VoyIndex({ Voy });
  t0 = performance.now();
  const status = await voy.build(items);
  put('voy', 'build', performance.now() - t0, 'ms');
  if (status.engine !== 'voy') throw new Error(`VoyIndex fell back to ${status.engine}: ${status.fallbackReason}`);

  // VoyIndex as the app's worker runs it: searchable (exactly) once the vectors are stored, Voy filled in
  // the background. 'build' is when build() returns (searchable); 'voy-ready' is when Voy has them all.
  const background = new VoyIndex({ Voy, backgroundBuildFrom: 0 });
  t0 = performance.now();
  const first = await background.build(items);
  put('voy-background', 'build', performance.now() - t0, 'ms');
  const settled = await background.settled();
  put('voy-background', 'voy-ready', performance.now() - t0, 'ms');
  if (first.engine !== 'exact' || settled.engine !== 'voy') throw new Error('the background build did not go exact, then Voy');
  await background.clear();

  // Queries: the three engines take turns on each query (rotating who goes first), so that they all
  // see the same machine load. The first 10 queries warm up and are not counted.
  const engines: Array<[string, (q: Float32Array) => Promise<string[]>]> = [
    ['exact', async (q) => (await exact.search(q, K)).hits.map((h) => h.id)],
    ['voy-raw', async (q) => raw.search(q, K).neighbors.map((x) => x.id)],
    ['voy', async (q) => (await voy.search(q, K)).hits.map((h) => h.id)],
  ];
  const times = new Map<string, number[]>(engines.map(([name]) => [name, []]));
  const agree = new Map<string, number>([['voy-raw', 0], ['voy', 0]]);
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
    for (const name of ['voy-raw', 'voy']) if (sameSet(ids.get(name)!, truth)) agree.set(name, agree.get(name)! + 1);
    if (ids.get('voy')!.join() === truth.join()) sameOrder++;
  }
  for (const [name, list] of times) put(name, 'query-p50', percentile(list, 50), 'ms');
  for (const [name, count] of agree) put(name, 'top10-agreement', (100 * count) / QUERIES, '%');
  put('voy', 'top10-same-order', (100 * sameOrder) / QUERIES, '%');
  raw.free?.();
  await voy.clear();
}

function printTable(records: BenchRecord[]): void {
  const cases = ['voy-raw', 'voy', 'voy-background', 'exact'];
  const metrics = ['build', 'voy-ready', 'query-p50', 'top10-agreement', 'top10-same-order'];
  const header = ['n', 'dim', 'engine', ...metrics.map((m) => (m === 'build' ? 'build (ms)' : m === 'voy-ready' ? 'voy ready (ms)' : m === 'query-p50' ? 'query p50 (ms)' : `${m} (%)`))];
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
    `\n${QUERIES} queries per size, k = ${K}. voy-raw: voy-search alone (ids only, no scores).` +
      `\nvoy: VoyIndex (one Voy item per distinct vector, exact cosine re-scoring, ${VOY_BATCH_SIZE}-item batches).` +
      `\nvoy-background: the app's worker setting; build = searchable (exact scan answers), voy ready = Voy filled.\nexact: ExactIndex flat scan. Agreement: share of queries whose top-10 id set equals the exact scan's.`,
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
