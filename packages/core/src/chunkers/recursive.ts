// Recursive chunks: paragraphs, then lines, sentences, clauses and words, up to a size. The chunker of
// packages/core/src/chunking.ts, under the common settings union.
import { chunkText } from '../chunking';
import type { Chunk } from '../types';
import type { RecursiveChunkerSettings } from './settings';

export function chunkRecursive(docId: string, text: string, settings: RecursiveChunkerSettings): Chunk[] {
  return chunkText(docId, text, { chunkSize: settings.chunkSize, overlap: settings.overlap });
}
