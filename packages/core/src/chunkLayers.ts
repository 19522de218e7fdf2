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

/** Runs over [0, textLength) for chunks given as start/end pairs (spans may reach past textLength). */
export function textRuns(textLength: number, spans: ArrayLike<{ start: number; end: number }>): TextRun[] {
  const n = spans.length;
  const points = new Float64Array(2 * n + 2);
  points[0] = 0;
  points[1] = textLength;
  let sortedByStart = true;
  for (let i = 0; i < n; i++) {
    points[2 + 2 * i] = Math.min(textLength, Math.max(0, spans[i]!.start));
    points[3 + 2 * i] = Math.min(textLength, Math.max(0, spans[i]!.end));
    if (i > 0 && spans[i]!.start < spans[i - 1]!.start) sortedByStart = false;
  }
  points.sort();
  const order = Array.from({ length: n }, (_, i) => i);
  if (!sortedByStart) order.sort((a, b) => spans[a]!.start - spans[b]!.start);
  const runs: TextRun[] = [];
  const active: number[] = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    if (end === start) continue;
    while (next < n && spans[order[next]!]!.start <= start) active.push(order[next++]!);
    let kept = 0;
    let chunk = -1;
    let first = -1;
    let depth = 0;
    for (const i of active) {
      if (spans[i]!.end <= start) continue;
      active[kept++] = i;
      depth++;
      if (i > chunk) chunk = i;
      if (first < 0 || i < first) first = i;
    }
    active.length = kept;
    runs.push({ start, end, chunk, first, depth });
  }
  return runs;
}
