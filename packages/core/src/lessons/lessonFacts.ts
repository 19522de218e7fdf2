// What a lesson step can see of the app: a plain snapshot of the stores' state (counts, settings, the last
// search), read by src/state/lessons/lessonFacts.ts. Steps check it with pure predicates (lessonCatalog.ts),
// so they are unit-tested in Node. Counters (searches, answers...) only grow; a step compares them with the
// snapshot taken when it began (its baseline), so "ask again" means a search after the step began.
import type { SearchMode } from '../retrievalConfig';

export interface LessonSearch {
  question: string;
  mode: SearchMode;
  /** Chunks returned (after the threshold, if any). */
  results: number;
  /** k when it ran. */
  topK: number;
  /** A cross-encoder reordered the candidates. */
  reranked: boolean;
  /** The chunks' ids, best first. */
  chunkIds: string[];
}

export interface LessonFacts {
  documents: number;
  chunks: number;
  /** Chunking is under way (the chunk count is not final yet). */
  chunking: boolean;
  chunker: string;
  /** The chunker's size setting (characters, sentences' maximum or tokens), null when it has none. */
  chunkSize: number | null;
  overlap: number | null;
  /** Chunks in the vector index. */
  indexed: number;
  indexModelId: string | null;
  question: string;
  topK: number;
  mode: SearchMode;
  threshold: boolean;
  minScore: number;
  /** The reranker chosen in step 4, or null for none. */
  rerankModelId: string | null;
  orderBothEnds: boolean;
  /** A chat model is loaded (answers can be generated). */
  chatModelLoaded: boolean;
  /** Searches finished since the app opened. */
  searches: number;
  lastSearch: LessonSearch | null;
  /** Answers finished (step 6). */
  answers: number;
  /** With/without retrieval comparisons finished. */
  comparisons: number;
  /** Evaluation runs finished, and the chunk sizes of the last one's configurations (null: the index's). */
  evaluations: number;
  evaluationChunkSizes: (number | null)[];
  /** Lost-in-the-middle lab runs finished. */
  positionRuns: number;
}

/** Facts of an empty app: a starting point for tests and for a baseline before anything is read. */
export const EMPTY_FACTS: LessonFacts = {
  documents: 0,
  chunks: 0,
  chunking: false,
  chunker: 'recursive',
  chunkSize: 500,
  overlap: 50,
  indexed: 0,
  indexModelId: null,
  question: '',
  topK: 4,
  mode: 'vector',
  threshold: false,
  minScore: 0,
  rerankModelId: null,
  orderBothEnds: false,
  chatModelLoaded: false,
  searches: 0,
  lastSearch: null,
  answers: 0,
  comparisons: 0,
  evaluations: 0,
  evaluationChunkSizes: [],
  positionRuns: 0,
};

/** The size and overlap settings of any chunker's settings object (the field names differ between chunkers). */
export function chunkerSizes(settings: Readonly<Record<string, unknown>>): { chunkSize: number | null; overlap: number | null } {
  const num = (...keys: string[]) => {
    for (const key of keys) if (typeof settings[key] === 'number' && Number.isFinite(settings[key])) return settings[key] as number;
    return null;
  };
  return { chunkSize: num('chunkSize', 'size', 'maxSize', 'tokens'), overlap: num('overlap', 'overlapSentences', 'overlapTokens') };
}
