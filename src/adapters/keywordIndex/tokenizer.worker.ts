// A keyword tokeniser worker: tokenises chunk texts for the keyword index worker, so that a large build
// tokenises on several cores at once (parallelBuild.ts). Tokenising is most of a build's time: ICU's word
// breaking of Chinese and Japanese costs ~2 µs a word.
import { countTerms, type TermCounts } from '@openbook/core/retrieval/termCounts';
import { sanitizeKeywordAnalysis } from '@openbook/core/retrieval/keywordAnalysis';
import { exposeWorker, transfer } from '../workerRpc';
import { unpackStrings, type PackedStrings } from './packedDocs';

const api = {
  /**
   * The texts' tokens, counted (core/retrieval/termCounts.ts); the typed arrays are moved, not copied. The
   * texts best come packed (packedDocs.ts): 100k strings in an array cost the page a clone of each.
   */
  countTerms(texts: string[] | PackedStrings, analysis?: unknown): TermCounts {
    const counts = countTerms(unpackStrings(texts), analysis === undefined ? undefined : sanitizeKeywordAnalysis(analysis));
    return transfer(counts, [counts.start.buffer, counts.termIds.buffer, counts.tf.buffer]);
  },
};

export type TokenizerWorkerApi = typeof api;

exposeWorker(api);
