// Leave-one-out attribution: which retrieved chunk did the answer use? The question is answered again with
// each chunk left out in turn (same model, same settings, temperature 0); a removal that changes the answer
// shows the answer depended on that chunk. Pure: no DOM, no libraries.
import { splitCitations } from '../citations';
import { compareAnswers, type AnswerDifference } from './answerComparison';

/** The chunks with the one at `left` left out; each keeps its number (1-based position in the full list). */
export function withoutChunk<T>(chunks: readonly T[], left: number): (T & { number: number })[] {
  return chunks.flatMap((chunk, i) => (i === left ? [] : [{ ...chunk, number: i + 1 }]));
}

/** The chunk numbers (1..chunkCount) that an answer cites, in increasing order, each once. */
export function citedNumbers(answer: string, chunkCount: number): number[] {
  const cited = new Set<number>();
  for (const part of splitCitations(answer, chunkCount)) if (part.kind === 'citation') cited.add(part.chunkNumber);
  return [...cited].sort((a, b) => a - b);
}

export interface ChunkAttribution extends AnswerDifference {
  /** 1-based number of the chunk left out. */
  chunkNumber: number;
  /** The full answer cites this chunk. */
  cited: boolean;
}

/**
 * For each chunk (in order), how the answer without it differs from the full answer, and whether the full
 * answer cites it. `without[i]` is the answer with chunk i + 1 left out; missing entries (not answered yet,
 * or stopped) are left out of the result.
 */
export function attribute(full: string, without: readonly (string | null | undefined)[], chunkCount: number): ChunkAttribution[] {
  const cited = new Set(citedNumbers(full, chunkCount));
  const rows: ChunkAttribution[] = [];
  for (let i = 0; i < chunkCount; i++) {
    const answer = without[i];
    if (answer === null || answer === undefined) continue;
    rows.push({ chunkNumber: i + 1, cited: cited.has(i + 1), ...compareAnswers(full, answer) });
  }
  return rows;
}
