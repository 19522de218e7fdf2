// Building the keyword index on several cores. Tokenising is most of a build (ICU's word breaking of
// Chinese and Japanese costs ~2 µs a word; 10k mixed chunks take about a second on one core), and it
// needs no shared state: so the chunks are cut into contiguous parts of about equal length, tokeniser
// workers tokenise and count the later parts (core/retrieval/termCounts.ts) while the index worker builds
// from the first, and the index worker then adds the later parts' counts in order. The index ends up as a
// one-thread build(docs) leaves it (the same chunks in the same order, the same term statistics, the same
// scores). A tokeniser that fails costs only time: its part is tokenised by the index worker instead.
// The app runs this from state/retrieval/keywordIndexSync.ts (Comlink proxies); the benchmark with worker_threads.
import type { TermCounts } from '@openbook/core/retrieval/termCounts';
import type { KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import type { KeywordDoc, KeywordIndexStatus } from './keywordIndex';

type MaybePromise<T> = T | Promise<T>;

/** The keyword index worker's side of a build (Bm25Index's methods of those names). */
export interface KeywordBuildTarget {
  build(docs: KeywordDoc[]): MaybePromise<KeywordIndexStatus>;
  add(docs: KeywordDoc[]): MaybePromise<KeywordIndexStatus>;
  addCounted(ids: string[], counts: TermCounts): MaybePromise<KeywordIndexStatus>;
  reindex(): MaybePromise<KeywordIndexStatus>;
}

/** A tokeniser worker. */
export interface KeywordTokenizer {
  countTerms(texts: string[], analysis?: KeywordAnalysis): MaybePromise<TermCounts>;
}

/**
 * Cut docs into `weights.length` contiguous parts whose text lengths are in proportion to the weights
 * (as nearly as whole chunks allow; a part may be empty).
 */
export function splitByLength(docs: KeywordDoc[], weights: number[]): KeywordDoc[][] {
  const total = docs.reduce((sum, d) => sum + d.text.length, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const parts: KeywordDoc[][] = [];
  let at = 0;
  let length = 0;
  let share = 0;
  for (let p = 0; p < weights.length; p++) {
    share += weights[p]!;
    const until = p === weights.length - 1 ? Infinity : (total * share) / weightSum;
    const start = at;
    // Take the next chunk while that brings the running length nearer the part's end.
    while (at < docs.length && length + docs[at]!.text.length / 2 <= until) length += docs[at++]!.text.length;
    parts.push(docs.slice(start, at));
  }
  return parts;
}

/**
 * How much of the text the index worker tokenises itself, against 1 for each tokeniser: a little less,
 * since it also adds the others' counts to the index.
 */
const INDEX_WORKER_SHARE = 0.9;

/**
 * Replace the target's index with docs, tokenised by the target and the tokenisers together. `analysis`
 * must be the target's own (the tokenisers count under it; undefined: none).
 */
export async function buildInParallel(
  docs: KeywordDoc[],
  target: KeywordBuildTarget,
  tokenizers: KeywordTokenizer[],
  analysis?: KeywordAnalysis,
): Promise<KeywordIndexStatus> {
  if (tokenizers.length === 0) return target.build(docs);
  const [own, ...others] = splitByLength(docs, [INDEX_WORKER_SHARE, ...tokenizers.map(() => 1)]);
  // Started first, so they run while the target tokenises its own part.
  const jobs = others.map(async (part, i) => {
    if (part.length === 0) return null;
    try {
      return await tokenizers[i]!.countTerms(
        part.map((d) => d.text),
        analysis,
      );
    } catch {
      return null; // tokenised by the target below
    }
  });
  let status = await target.build(own!);
  for (let i = 0; i < others.length; i++) {
    const part = others[i]!;
    const counts = await jobs[i]!;
    if (part.length === 0) continue;
    const ids = part.map((d) => d.id);
    try {
      status = counts ? await target.addCounted(ids, counts) : await target.add(part);
    } catch (error) {
      if (!counts) throw error;
      status = await target.add(part); // counts the target refused (malformed): tokenise the part itself
    }
  }
  return others.some((part) => part.length > 0) ? target.reindex() : status;
}
