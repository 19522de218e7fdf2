// The workspace file the browser benchmarks import (bench-browser.ts, mem-breakdown.ts): ten text documents
// made of the sample corpus, chunked recursively at 100/0, and one seeded random unit vector of `dim` per chunk.
// Exactly n chunks, every one with its vector: each document's text ends where its last chunk ends, so that
// "per chunk" figures divide by the chunks the workspace really holds (the page, the keyword index and the
// vector index all hold the same n).
import { unzipSync, zipSync } from 'fflate';
import { chunkText } from '@openbook/core/chunking';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import { exportWorkspace } from '@openbook/core/workspaceFile';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { SAMPLE_DOCUMENTS } from '../../src/content/sampleCorpus';

export interface BenchWorkspaceOptions {
  /** A model id the site offers with this dimension (it is never loaded). */
  modelId: string;
  dim: number;
  /** Every line numbered, so (nearly) every chunk's text is its own, as in real documents; otherwise the ten documents repeat the sample corpus and most chunk texts recur. */
  distinctTexts?: boolean;
  /** Deflate every file of the zip at this level (vectors too), as workspace files were made before 2026-11. */
  deflateLevel?: number;
}

const CHUNKING = { kind: 'recursive' as const, chunkSize: 100, overlap: 0 };

/** A text from which `count` chunks can be cut (at least), for document d. */
function sourceText(d: number, count: number, distinct: boolean): string {
  const base = SAMPLE_DOCUMENTS.map((doc) => doc.text).join('\n\n');
  const chars = Math.ceil(count * 1.3) * 100;
  const text = base.repeat(Math.ceil(chars / base.length) + 1).slice(0, chars);
  if (!distinct) return text;
  const lines = Math.ceil(count * 1.3);
  return Array.from({ length: lines }, (_, i) => `${d}.${i} ${text.slice(i * 100, i * 100 + 90).replace(/\s+/g, ' ')}`.padEnd(99, ' ')).join('\n');
}

export function benchWorkspaceFile(n: number, options: BenchWorkspaceOptions): Buffer {
  const perDoc = Math.ceil(n / 10);
  const documents: SourceDocument[] = [];
  const chunks: Chunk[] = [];
  for (let d = 0; d < 10 && chunks.length < n; d++) {
    const want = Math.min(perDoc, n - chunks.length);
    const id = `doc-${d}`;
    const source = sourceText(d, want, !!options.distinctTexts);
    const cutAt = chunkText(id, source, CHUNKING)[want - 1]?.end;
    if (cutAt === undefined) throw new Error(`The bench text gives fewer than ${want} chunks.`);
    const text = source.slice(0, cutAt);
    const own = chunkText(id, text, CHUNKING);
    if (own.length !== want) throw new Error(`doc-${d}: cut to ${want} chunks, it chunks into ${own.length}.`);
    documents.push({ id, name: `${id}.txt`, kind: 'text', text, sizeBytes: text.length, addedAt: d });
    chunks.push(...own);
  }
  const rand = mulberry32(7);
  const vectors = chunks.map(() => randomUnitVector(rand, options.dim));
  const file = exportWorkspace({ documents, modelId: options.modelId, device: 'wasm', dimension: options.dim, chunking: CHUNKING, chunks, vectors });
  const level = options.deflateLevel;
  return Buffer.from(level !== undefined ? zipSync(unzipSync(file), { level: level as 6 }) : file);
}
