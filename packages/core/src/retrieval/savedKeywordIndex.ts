// A keyword (BM25) index as saved between visits, so that a reload need not tokenise every chunk again
// (adapters/keywordIndex/savedIndexDb.ts keeps it; the keyword worker saves it after a large build and
// loads it instead of building when it was made from the very same chunks under the same analysis). It is
// the index's forward lists: per chunk id, its distinct terms and their counts (TermCounts), from which the
// index is rebuilt exactly as a build leaves it. Versioned and checked before use: anything unsound is
// rebuilt from the chunks instead. Pure.
import { sha256Hex } from '../contentHash';
import type { KeywordAnalysis } from './keywordSettings';
import { termCountsProblem, type TermCounts } from './termCounts';

/** The format of SavedKeywordIndex; a saved index of another version is rebuilt. */
export const SAVED_KEYWORD_INDEX_VERSION = 1;

export interface SavedKeywordIndex extends TermCounts {
  version: typeof SAVED_KEYWORD_INDEX_VERSION;
  /** Which chunks under which analysis it was made from (keywordSourceKey). */
  key: string;
  analysis: KeywordAnalysis;
  /** Chunk i's terms are in TermCounts' range i. */
  ids: string[];
}

/**
 * The key of an index made from these chunks (ids and texts, in order) under this analysis: a SHA-256 of
 * all of them and of the format's version.
 */
export async function keywordSourceKey(docs: ReadonlyArray<{ id: string; text: string }>, analysis: KeywordAnalysis): Promise<string> {
  // One string, encoded once (encoding each chunk apart costs several times more); lengths first, so that
  // no two lists of (id, text) give the same bytes.
  const parts: string[] = [`v${SAVED_KEYWORD_INDEX_VERSION} ${analysis.stopWords ? 1 : 0}${analysis.stemming ? 1 : 0} ${docs.length}\u0000`];
  for (const doc of docs) parts.push(`${doc.id.length}:${doc.text.length}:`, doc.id, doc.text);
  return sha256Hex(new TextEncoder().encode(parts.join('')));
}

/** Why `saved` (read from storage: anything at all) is not a sound saved index for `key`, or null when it is. */
export function savedKeywordIndexProblem(saved: unknown, key: string): string | null {
  if (!saved || typeof saved !== 'object') return 'not a saved keyword index';
  const s = saved as Partial<SavedKeywordIndex>;
  if (s.version !== SAVED_KEYWORD_INDEX_VERSION) return `format version ${String(s.version)}, not ${SAVED_KEYWORD_INDEX_VERSION}`;
  if (s.key !== key) return 'made from other chunks or another analysis';
  const analysis = s.analysis as Partial<KeywordAnalysis> | undefined;
  if (!analysis || typeof analysis.stopWords !== 'boolean' || typeof analysis.stemming !== 'boolean') return 'no analysis';
  if (!Array.isArray(s.ids) || s.ids.some((id) => typeof id !== 'string')) return 'chunk ids are not strings';
  if (new Set(s.ids).size !== s.ids.length) return 'a chunk id twice';
  const problem = termCountsProblem(s as TermCounts, s.ids.length);
  if (problem !== null) return problem;
  const { terms, start, termIds } = s as TermCounts;
  if (new Set(terms).size !== terms.length) return 'a term twice';
  // Each chunk's terms distinct (document frequencies and lengths count each once).
  const seenIn = new Int32Array(terms.length).fill(-1);
  for (let i = 0; i < s.ids.length; i++) {
    for (let j = start[i]!; j < start[i + 1]!; j++) {
      const term = termIds[j]!;
      if (seenIn[term] === i) return 'a term twice in one chunk';
      seenIn[term] = i;
    }
  }
  return null;
}
