// Benchmarks. Vector index: voy-search (raw, and wrapped in VoyIndex with its guards) against the exact
// scan, on seeded random normalised vectors. Run with `npm run bench` (tsx). Voy is loaded through
// loadVoyNode.ts, since Node cannot import the package's .wasm directly.
// Also chunking throughput, and the workspace storage (WorkspaceDb) writing and reading back a large index
// on fake-indexeddb. Prints a table and writes bench-results.json: [{ suite, case, n, dim, metric, value, unit }].
import 'fake-indexeddb/auto'; // IndexedDB for Node, for the workspace storage benchmark only
import { writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { ExactIndex } from '../src/adapters/vectorIndex/exactIndex';
import { loadVoyNode } from '../src/adapters/vectorIndex/loadVoyNode';
import type { IndexItem } from '../src/adapters/vectorIndex/vectorIndex';
import { VOY_BATCH_SIZE, VoyIndex, type VoyConstructor } from '../src/adapters/vectorIndex/voyIndex';
import { chunkText } from '../src/core/chunking';
import { SAMPLE_DOCUMENTS } from '../src/features/sample/sampleCorpus';
import { mulberry32, randomUnitVector } from '../src/testing/seededRandom';
import { WorkspaceDb } from '../src/adapters/storage/workspaceDb';
import type { Chunk, SourceDocument } from '../src/core/types';

interface BenchRecord {
  suite: string;
  case: string;
  n: number;
  dim: number;
  metric: string;
  value: number;
  unit: string;
}

const SUITE = 'vector-index';
const DIM = 384;
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const K = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

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

/** Chunking throughput on about 1 MB of the sample corpus (English and Chinese), median of 5 runs. */
function benchChunking(records: BenchRecord[]): void {
  let text = '';
  while (text.length < 1_000_000) for (const doc of SAMPLE_DOCUMENTS) text += `${doc.text}\n\n`;
  const megabytes = new TextEncoder().encode(text).length / 1e6;
  const times: number[] = [];
  let count = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    count = chunkText('bench', text, { chunkSize: 500, overlap: 50 }).length;
    times.push(performance.now() - t0);
  }
  const p50 = percentile(times, 50);
  records.push({ suite: 'chunking', case: 'size-500-overlap-50', n: count, dim: 0, metric: 'time-p50', value: round(p50, 1), unit: 'ms' });
  records.push({ suite: 'chunking', case: 'size-500-overlap-50', n: count, dim: 0, metric: 'throughput', value: round(megabytes / (p50 / 1000), 2), unit: 'MB/s' });
  console.log(`\nChunking ${round(megabytes, 2)} MB of English and Chinese text (size 500, overlap 50): ${count} chunks, p50 ${round(p50, 1)} ms = ${round(megabytes / (p50 / 1000), 2)} MB/s`);
}

/**
 * WorkspaceDb: save an index of 10k chunks × 384 dims (10 documents) and read it back from a new
 * connection, median of 3 runs; and the stored size per chunk. On fake-indexeddb in Node: this measures
 * our packing and Dexie's overhead, NOT the speed of a browser's IndexedDB (which writes to disk).
 */
async function benchWorkspaceDb(records: BenchRecord[]): Promise<void> {
  const n = Number(process.env.BENCH_WORKSPACE_CHUNKS ?? 10_000);
  const docCount = 10;
  const perDoc = Math.ceil(n / docCount);
  const chunkLength = 100;
  let base = '';
  for (const doc of SAMPLE_DOCUMENTS) base += `${doc.text}\n\n`;
  const text = base.repeat(Math.ceil((perDoc * chunkLength) / base.length)).slice(0, perDoc * chunkLength);
  const documents: SourceDocument[] = Array.from({ length: docCount }, (_, d) => ({
    id: `doc-${d}`, name: `doc-${d}.txt`, kind: 'text', text, sizeBytes: text.length, addedAt: d,
  }));
  const chunks: Chunk[] = [];
  for (const doc of documents) {
    for (let i = 0; i < perDoc && chunks.length < n; i++) {
      const start = i * chunkLength;
      chunks.push({ id: `${doc.id}#${i}`, docId: doc.id, index: i, start, end: start + chunkLength, text: text.slice(start, start + chunkLength) });
    }
  }
  const rand = mulberry32(77);
  const vectors = chunks.map(() => randomUnitVector(rand, DIM));
  const snapshot = { modelId: 'bench/model', device: 'wasm' as const, dimension: DIM, chunking: { chunkSize: chunkLength, overlap: 0 }, chunks, vectors };

  const name = `openbook-bench-${Date.now()}`;
  const setup = new WorkspaceDb(name);
  for (const doc of documents) await setup.saveDocument(doc);
  const writes: number[] = [];
  const reads: number[] = [];
  for (let run = 0; run < 3; run++) {
    let t0 = performance.now();
    await setup.saveIndex(snapshot);
    writes.push(performance.now() - t0);
    const reader = new WorkspaceDb(name);
    t0 = performance.now();
    const loaded = await reader.load();
    reads.push(performance.now() - t0);
    reader.close();
    if (loaded.index?.chunks.length !== n) throw new Error(`read back ${loaded.index?.chunks.length} chunks, not ${n}`);
  }
  // Stored size: the vector rows as V8 serializes them (Chromium keeps IndexedDB values in this format).
  const rows = await setup.dexie.vectors.toArray();
  const bytesPerChunk = rows.reduce((sum, row) => sum + serialize(row).length, 0) / n;
  const jsonBytesPerChunk = JSON.stringify(Array.from(vectors[0]!)).length;
  await setup.dexie.delete();

  const kase = 'fake-indexeddb-node';
  const put = (metric: string, value: number, unit: string) => records.push({ suite: 'workspace-db', case: kase, n, dim: DIM, metric, value: round(value, 1), unit });
  put('write-p50', percentile(writes, 50), 'ms');
  put('read-p50', percentile(reads, 50), 'ms');
  put('bytes-per-chunk', bytesPerChunk, 'B');
  put('json-bytes-per-chunk', jsonBytesPerChunk, 'B');
  console.log(
    `\nWorkspace storage, WorkspaceDb on fake-indexeddb in Node (NOT a browser's IndexedDB speed): ${n} chunks × ${DIM} dims in ${docCount} documents:` +
      ` write p50 ${round(percentile(writes, 50), 1)} ms, read back p50 ${round(percentile(reads, 50), 1)} ms (3 runs).` +
      `\nStored ${round(bytesPerChunk, 1)} bytes per chunk (Float32 vectors and offsets, V8-serialized; the vector alone is ${DIM * 4});` +
      ` one vector as a JSON number array would take ${jsonBytesPerChunk} bytes.`,
  );
}

async function main(): Promise<void> {
  const Voy = await loadVoyNode();
  const records: BenchRecord[] = [];
  for (const n of SIZES) await benchSize(Voy, n, records);
  printTable(records);
  benchChunking(records);
  await benchWorkspaceDb(records);
  writeFileSync('bench-results.json', `${JSON.stringify(records, null, 2)}\n`);
  console.log(`\nWrote bench-results.json (${records.length} records). Node ${process.version}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
