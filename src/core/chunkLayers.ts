// For showing chunks over their text (as ChunkViz does): the text cut into runs, each covered by the same
// chunks. A run covered by one chunk takes that chunk's colour; a run covered by two or more is overlap.

export interface TextRun {
  start: number;
  end: number;
  /** The chunk (by position in the list) whose colour the run takes: the last one that covers it, or -1. */
  chunk: number;
  /** The first chunk that covers it (the same as `chunk` unless the run is overlap), or -1. */
  first: number;
  /** How many chunks cover the run (0: between chunks, 2 or more: overlap). */
  depth: number;
}

/** Runs over [0, textLength) for chunks given as start/end pairs. */
export function textRuns(textLength: number, spans: ArrayLike<{ start: number; end: number }>): TextRun[] {
  const points = new Set<number>([0, textLength]);
  for (let i = 0; i < spans.length; i++) {
    points.add(spans[i]!.start);
    points.add(spans[i]!.end);
  }
  const cuts = [...points].filter((p) => p >= 0 && p <= textLength).sort((a, b) => a - b);
  const order = Array.from({ length: spans.length }, (_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  const runs: TextRun[] = [];
  const active: number[] = [];
  let next = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k]!;
    const end = cuts[k + 1]!;
    while (next < order.length && spans[order[next]!]!.start <= start) active.push(order[next++]!);
    for (let a = active.length - 1; a >= 0; a--) if (spans[active[a]!]!.end <= start) active.splice(a, 1);
    const covering = active.filter((i) => spans[i]!.start < end);
    const chunk = covering.length > 0 ? Math.max(...covering) : -1;
    const first = covering.length > 0 ? Math.min(...covering) : -1;
    runs.push({ start, end, chunk, first, depth: covering.length });
  }
  return runs;
}
