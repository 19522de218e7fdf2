// Workspace storage: WorkspaceDb on fake-indexeddb in Node.
import 'fake-indexeddb/auto'; // IndexedDB for Node, for the workspace storage benchmark only
import { serialize } from 'node:v8';
import { WorkspaceDb } from '../../src/adapters/storage/workspaceDb';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { percentile, round, type BenchRecord, type BenchSuite, syntheticWorkspace } from './common';

const DIM = 384;

/**
 * WorkspaceDb: save an index of 10k chunks × 384 dims (10 documents) and read it back from a new
 * connection, median of 3 runs; and the stored size per chunk. On fake-indexeddb in Node: this measures
 * our packing and Dexie's overhead, NOT the speed of a browser's IndexedDB (which writes to disk).
 */
async function benchWorkspaceDb(records: BenchRecord[]): Promise<void> {
  const n = Number(process.env.BENCH_WORKSPACE_CHUNKS ?? 10_000);
  const docCount = 10;
  const chunkLength = 100;
  const { documents, chunks } = syntheticWorkspace(n, { docCount, chunkLength, kind: 'text' });
  const rand = mulberry32(77);
  const vectors = chunks.map(() => randomUnitVector(rand, DIM));
  const snapshot = {
    modelId: 'bench/model',
    device: 'wasm' as const,
    dimension: DIM,
    chunking: { kind: 'recursive' as const, chunkSize: chunkLength, overlap: 0 },
    chunks,
    vectors,
  };

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
  const rows = await setup.dexie.vectorRows.toArray();
  const bytesPerChunk = rows.reduce((sum, row) => sum + serialize(row).length, 0) / n;
  const jsonBytesPerChunk = JSON.stringify(Array.from(vectors[0]!)).length;
  await setup.dexie.delete();

  const kase = 'fake-indexeddb-node';
  const put = (metric: string, value: number, unit: string) =>
    records.push({ suite: 'workspace-db', case: kase, n, dim: DIM, metric, value: round(value, 1), unit });
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

export const workspaceDbSuite: BenchSuite = {
  name: 'workspace-db',
  run: benchWorkspaceDb,
};
