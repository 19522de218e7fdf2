// Export for production: time and sizes of chunks.parquet, pgvector.sql and the export zip at 10k and 100k
// chunks × 384 dimensions (as the worker writes them: ExportZipWriter, batches of EXPORT_BATCH rows), beside the
// workspace zip of the same chunks (packages/core/src/workspaceFile.ts). Also the most ArrayBuffer memory seen between
// batches beyond the zip's own bytes: the export holds one batch of vectors twice, never all of them.
// BENCH_EXPORT_SIZES=10000,100000 sets the sizes.
import { ExportZipWriter } from '../../src/adapters/productionExport/exportZip';
import { batchesOf, exportRowOf } from '@openbook/core/productionExport/exportRows';
import { estimateSqlRowBytes, sqlRowsInline } from '@openbook/core/productionExport/pgvectorSql';
import { packWorkspace, writeWorkspaceFile } from '@openbook/core/workspaceFile';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { round, type BenchRecord, type BenchSuite, syntheticWorkspace } from './common';

const DIM = 384;
const BATCH = 5000;
const CHUNK_LENGTH = 400;

function corpus(n: number) {
  const { documents, chunks } = syntheticWorkspace(n, {
    docCount: Math.max(1, Math.round(n / 1000)),
    chunkLength: CHUNK_LENGTH,
    kind: 'markdown',
    meta: (i) => ({ headingPath: ['Section', String(i % 7)] }),
  });
  const rand = mulberry32(2026);
  return { documents, chunks, vectors: chunks.map(() => randomUnitVector(rand, DIM)) };
}

async function benchSize(n: number, records: BenchRecord[]): Promise<void> {
  const { documents, chunks, vectors } = corpus(n);
  const push = (c: string, metric: string, value: number, unit: string) =>
    records.push({ suite: 'productionExport', case: c, n, dim: DIM, metric, value, unit });
  const textUnits = chunks.reduce((s, c) => s + c.text.length, 0);
  const inline = sqlRowsInline(estimateSqlRowBytes(n, textUnits, DIM));
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const writer = new ExportZipWriter({
    modelId: 'bench/model',
    dimension: DIM,
    rows: n,
    inline,
    createdAt: new Date().toISOString(),
    pipelineText: '{}',
    files: [],
  });
  let at = 0;
  for (const batch of batchesOf(chunks, BATCH)) {
    const flat = new Float32Array(batch.length * DIM);
    batch.forEach((_, i) => flat.set(vectors[at + i]!, i * DIM));
    at += batch.length;
    writer.add(
      batch.map((c) => exportRowOf(c, `${c.docId}.md`, 100)),
      flat,
    );
    // Beyond the zip's own bytes so far (the download itself, which the page must hold to offer it).
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - before - writer.sizes.zipBytes);
  }
  const parts = writer.finish();
  const exportMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const exportCpuMs = (cpu.user + cpu.system) / 1000;
  const { parquetBytes, sqlBytes, zipBytes } = writer.sizes;
  parts.length = 0;

  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const workspaceZip = writeWorkspaceFile(
    packWorkspace({
      documents,
      modelId: 'bench/model',
      device: 'wasm',
      dimension: DIM,
      chunking: { kind: 'recursive', chunkSize: CHUNK_LENGTH, overlap: 0 },
      chunks,
      vectors,
    }),
  );
  const workspaceMs = performance.now() - t1;
  const wcpu = process.cpuUsage(cpu1);
  const workspaceCpuMs = (wcpu.user + wcpu.system) / 1000;

  push('export zip', 'time', round(exportMs), 'ms');
  push('export zip', 'cpu time', round(exportCpuMs), 'ms');
  push('chunks.parquet', 'size', parquetBytes, 'bytes');
  push('chunks.parquet', 'bytes per chunk', round(parquetBytes / n), 'bytes');
  push('pgvector.sql', 'size', sqlBytes, 'bytes');
  push('pgvector.sql', 'rows inline', inline ? 1 : 0, 'boolean');
  push('export zip', 'size', zipBytes, 'bytes');
  push('export zip', 'working memory beyond the output', peak, 'bytes');
  push('workspace zip', 'time', round(workspaceMs), 'ms');
  push('workspace zip', 'cpu time', round(workspaceCpuMs), 'ms');
  push('workspace zip', 'size', workspaceZip.length, 'bytes');
  const mb = (b: number) => `${round(b / 1024 / 1024, 1)} MB`;
  console.log(
    `${String(n).padStart(7)} chunks × ${DIM}: export ${round(exportMs / 1000, 1)} s (CPU ${round(exportCpuMs / 1000, 1)} s) — parquet ${mb(parquetBytes)} (${round(parquetBytes / n)} B/chunk), ` +
      `sql ${mb(sqlBytes)} (${inline ? 'rows inline' : 'schema only, rows by COPY'}), zip ${mb(zipBytes)}; vectors alone ${mb(n * DIM * 4)}, ` +
      `working memory beyond the output ${mb(peak)} | workspace zip ${mb(workspaceZip.length)} in ${round(workspaceMs / 1000, 1)} s (CPU ${round(workspaceCpuMs / 1000, 1)} s)`,
  );
}

export const productionExportSuite: BenchSuite = {
  name: 'productionExport',
  async run(records) {
    const sizes = (process.env.BENCH_EXPORT_SIZES ?? '10000,100000').split(',').map(Number);
    for (const n of sizes) await benchSize(n, records);
  },
};
