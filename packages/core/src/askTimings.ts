// From pressing Ask to the answer's first token, split into its stages, so that the app's own overhead is
// visible next to the models' time. Pure: marks in, stages out.

export interface AskMarks {
  /** performance.now() values. */
  pressed: number;
  retrieved: number;
  /** The prompt is built (the context budget counted). */
  promptBuilt: number;
  /** The first token of the answer is on the main thread. */
  firstToken: number;
  /** The query embedding's and the search's own durations, as the retrieval step measured them. */
  embedMs: number;
  searchMs: number;
}

export interface AskTimings {
  embedMs: number;
  searchMs: number;
  promptMs: number;
  /** From handing the prompt to the engine to its first token (prefill, and the hop to its worker). */
  generationMs: number;
  /** What is left: store updates, thread hops, rendering between stages. */
  otherMs: number;
  totalMs: number;
  /** Everything but the two models' own work (query embedding, generation to first token). */
  outsideModelsMs: number;
}

export function askTimings(m: AskMarks): AskTimings {
  const totalMs = m.firstToken - m.pressed;
  const promptMs = m.promptBuilt - m.retrieved;
  const generationMs = m.firstToken - m.promptBuilt;
  const otherMs = Math.max(0, m.retrieved - m.pressed - m.embedMs - m.searchMs);
  return {
    embedMs: m.embedMs,
    searchMs: m.searchMs,
    promptMs,
    generationMs,
    otherMs,
    totalMs,
    outsideModelsMs: totalMs - m.embedMs - generationMs,
  };
}

/**
 * The retrieval's own search time for the Ask timings, so that no part of it is left to "the app's own
 * work": the first stage (the vector search after the question's embedding, and the keyword search, which
 * runs alongside both: whichever ends later) plus the stages after it (fusion, reranking, threshold, MMR).
 */
export function retrievalSearchMs(run: { embedMs: number; searchMs: number; keywordMs: number | null; combineMs: number }): number {
  const firstStage = Math.max(run.embedMs + run.searchMs, run.keywordMs ?? 0);
  return firstStage - run.embedMs + run.combineMs;
}
