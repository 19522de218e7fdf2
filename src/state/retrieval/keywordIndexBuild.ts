// Building a keyword index (the app's, or an evaluation's own): a large one is tokenised on several cores,
// by the shared tokeniser workers (adapters/keywordIndex/parallelBuild.ts); a small one by its own worker.
// The app's large index is saved by its worker after the build and, when the same chunks are indexed again
// under the same analysis (the next visit), loaded instead of built (adapters/keywordIndex/keywordIndexPersistence.ts).
import type { KeywordDoc, KeywordIndexStatus } from '../../adapters/keywordIndex/keywordIndex';
import { buildInParallel, type KeywordBuildTarget, type KeywordTokenizer } from '../../adapters/keywordIndex/parallelBuild';
import { packKeywordDocs, packStrings, type PackedKeywordDocs, type PackedStrings } from '../../adapters/keywordIndex/packedDocs';
import type { TermCounts } from '@openbook/core/retrieval/termCounts';
import type { KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import type { TokenizerClient } from '../../adapters/keywordIndex/tokenizerClient';
import { getKeywordTokenizers, releaseKeywordTokenizers } from '../runtime/workers';
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';

/** Below this much text (~70 ms of tokenising), the keyword worker tokenises alone. */
export const PARALLEL_MIN_CHARS = 200_000;

/**
 * A keyword index worker: a build target whose analysis (stop words, stemming) can be set, and which takes
 * a build's chunks and ids packed (packedDocs.ts: 100k objects or strings in a message would cost the page
 * a structured clone of each, over 100 ms).
 */
export interface KeywordIndexTarget extends Omit<KeywordBuildTarget, 'build' | 'addCounted'> {
  setAnalysis(analysis: KeywordAnalysis): KeywordIndexStatus | Promise<KeywordIndexStatus>;
  build(docs: KeywordDoc[] | PackedKeywordDocs): KeywordIndexStatus | Promise<KeywordIndexStatus>;
  addCounted(ids: string[] | PackedStrings, counts: TermCounts): KeywordIndexStatus | Promise<KeywordIndexStatus>;
}

/**
 * The target as buildInParallel calls it: each build's chunks and each part's ids sent packed, each message
 * packed and posted in a task of its own (buildInParallel sends a part to each worker at once: ~70 ms of
 * the page in one task at 100k chunks).
 */
function packingTarget(target: KeywordIndexTarget): KeywordBuildTarget {
  return {
    build: async (docs) => (await yieldToEventLoop(), target.build(packKeywordDocs(docs))),
    add: (docs) => target.add(docs),
    addCounted: async (ids, counts) => (await yieldToEventLoop(), target.addCounted(packStrings(ids), counts)),
    reindex: () => target.reindex(),
  };
}

/** A tokeniser worker as buildInParallel calls it: each part's texts sent packed, in a task of its own. */
function packingTokenizer(tokenizer: TokenizerClient): KeywordTokenizer {
  return { countTerms: async (texts, analysis) => (await yieldToEventLoop(), tokenizer.api.countTerms(packStrings(texts), analysis)) };
}

/** A keyword index worker that saves its index between visits (keywordIndex.worker.ts). */
export interface SavingKeywordIndexTarget extends KeywordIndexTarget {
  restoreSaved(
    docs: KeywordDoc[] | PackedKeywordDocs,
    analysis: KeywordAnalysis,
  ): Promise<{ restored: true; status: KeywordIndexStatus } | { restored: false; reason: string }>;
  saveBuilt(): Promise<boolean>;
}

/** How the last large build of the app's index went: loaded from its saved copy, or built (and why). */
export type KeywordBuildOutcome = { restored: true } | { restored: false; reason: string };

/**
 * Replace what the target (a keyword index worker) holds with these chunks, tokenised under this analysis.
 * `saving`: the target keeps a large index between visits: load the saved one when it was made from these
 * very chunks, else build and save it (told through onOutcome).
 */
export async function buildKeywordIndex(
  target: KeywordIndexTarget | SavingKeywordIndexTarget,
  docs: KeywordDoc[],
  analysis: KeywordAnalysis,
  saving?: { onOutcome?: (outcome: KeywordBuildOutcome) => void },
): Promise<KeywordIndexStatus> {
  await target.setAnalysis(analysis);
  let chars = 0;
  for (const doc of docs) chars += doc.text.length;
  const large = chars >= PARALLEL_MIN_CHARS;
  const saver = saving && large ? (target as SavingKeywordIndexTarget) : null;
  if (saver) {
    try {
      // Packed: 100k chunks as objects would cost the page a clone of each. Packed in one task, posted in
      // the next (the two took ~70 ms in one at 100k chunks).
      const packed = packKeywordDocs(docs);
      await yieldToEventLoop();
      const found = await saver.restoreSaved(packed, analysis);
      saving?.onOutcome?.(found.restored ? { restored: true } : { restored: false, reason: found.reason });
      if (found.restored) return found.status;
    } catch (error) {
      saving?.onOutcome?.({ restored: false, reason: String(error) }); // built below
    }
  }
  // No tokeniser workers (they failed to start): the keyword worker does it all.
  const tokenizers = large ? await getKeywordTokenizers() : [];
  let status: KeywordIndexStatus;
  try {
    // Large: each message's chunks, ids or texts packed (a small build's few objects clone cheaply).
    status = await buildInParallel(docs, large ? packingTarget(target) : target, tokenizers.map(packingTokenizer), analysis);
  } finally {
    // Ended when no other build uses them: idle, each would keep MBs (heap, isolate) until the next large build.
    if (large) releaseKeywordTokenizers();
  }
  // Saved in the worker after the build (a search meanwhile waits for it: the index is ready already).
  if (saver) void saver.saveBuilt();
  return status;
}
