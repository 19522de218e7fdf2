// Building a keyword index (the app's, or an evaluation's own): a large one is tokenised on several cores,
// by the shared tokeniser workers (adapters/keywordIndex/parallelBuild.ts); a small one by its own worker.
import type { KeywordDoc, KeywordIndexStatus } from '../../adapters/keywordIndex/keywordIndex';
import { buildInParallel, type KeywordBuildTarget } from '../../adapters/keywordIndex/parallelBuild';
import type { KeywordAnalysis } from '../../core/retrieval/keywordSettings';
import { getKeywordTokenizers } from '../runtime/workers';

/** Below this much text (~70 ms of tokenising), the keyword worker tokenises alone. */
export const PARALLEL_MIN_CHARS = 200_000;

/** A keyword index worker: a build target whose analysis (stop words, stemming) can be set. */
export interface KeywordIndexTarget extends KeywordBuildTarget {
  setAnalysis(analysis: KeywordAnalysis): KeywordIndexStatus | Promise<KeywordIndexStatus>;
}

/** Replace what the target (a keyword index worker) holds with these chunks, tokenised under this analysis. */
export async function buildKeywordIndex(target: KeywordIndexTarget, docs: KeywordDoc[], analysis: KeywordAnalysis): Promise<KeywordIndexStatus> {
  await target.setAnalysis(analysis);
  let chars = 0;
  for (const doc of docs) chars += doc.text.length;
  // No tokeniser workers (they failed to start): the keyword worker does it all.
  const tokenizers = chars >= PARALLEL_MIN_CHARS ? await getKeywordTokenizers() : [];
  return buildInParallel(
    docs,
    target,
    tokenizers.map((t) => t.api),
    analysis,
  );
}
