// A keyword tokeniser worker: tokenises chunk texts for the keyword index worker, so that a large build
// tokenises on several cores at once (parallelBuild.ts). Tokenising is most of a build's time: ICU's word
// breaking of Chinese and Japanese costs ~2 µs a word.
import { countTerms, type TermCounts } from '@openbook/core/retrieval/termCounts';
import { sanitizeKeywordAnalysis } from '@openbook/core/retrieval/keywordAnalysis';
import { exposeWorker, transfer } from '../workerRpc';

const api = {
  /** The texts' tokens, counted (core/retrieval/termCounts.ts); the typed arrays are moved, not copied. */
  countTerms(texts: string[], analysis?: unknown): TermCounts {
    const counts = countTerms(texts, analysis === undefined ? undefined : sanitizeKeywordAnalysis(analysis));
    return transfer(counts, [counts.start.buffer, counts.termIds.buffer, counts.tf.buffer]);
  },
};

export type TokenizerWorkerApi = typeof api;

exposeWorker(api);
