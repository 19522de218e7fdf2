// Shared pieces of the benchmark suites: the record format of bench-results.json and small helpers.
import type { Chunk, SourceDocument } from '@openbook/core/types';
import { SAMPLE_DOCUMENTS } from '../../src/content/sampleCorpus';

/** One measurement, as written to bench-results.json. */
export interface BenchRecord {
  suite: string;
  case: string;
  /** How many items (chunks, vectors, pages...) the case ran on. */
  n: number;
  /** Vector dimension, 0 where none. */
  dim: number;
  metric: string;
  value: number;
  unit: string;
}

/** A benchmark suite: runs its cases, pushes its records and prints its own table. */
export interface BenchSuite {
  name: string;
  run(records: BenchRecord[]): Promise<void>;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
export function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * A synthetic workspace of `n` chunks for the storage and export benchmarks: `docCount` documents cut from the
 * sample corpus's text repeated, each chunk `chunkLength` characters, in order, with no overlap.
 */
export function syntheticWorkspace(
  n: number,
  { docCount, chunkLength, kind, meta }: { docCount: number; chunkLength: number; kind: 'markdown' | 'text'; meta?: (i: number) => Chunk['meta'] },
): { documents: SourceDocument[]; chunks: Chunk[] } {
  const perDoc = Math.ceil(n / docCount);
  let base = '';
  for (const doc of SAMPLE_DOCUMENTS) base += `${doc.text}\n\n`;
  const text = base.repeat(Math.ceil((perDoc * chunkLength) / base.length)).slice(0, perDoc * chunkLength);
  const ext = kind === 'markdown' ? 'md' : 'txt';
  const documents: SourceDocument[] = Array.from({ length: docCount }, (_, d) => ({
    id: `doc-${d}`,
    name: `doc-${d}.${ext}`,
    kind,
    text,
    sizeBytes: text.length,
    addedAt: d,
  }));
  const chunks: Chunk[] = [];
  for (const doc of documents) {
    for (let i = 0; i < perDoc && chunks.length < n; i++) {
      const start = i * chunkLength;
      const chunk: Chunk = { id: `${doc.id}#${i}`, docId: doc.id, index: i, start, end: start + chunkLength, text: text.slice(start, start + chunkLength) };
      if (meta) chunk.meta = meta(i);
      chunks.push(chunk);
    }
  }
  return { documents, chunks };
}
