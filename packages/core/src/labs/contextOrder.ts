// Where the chunks stand in the prompt's context. Pure: no DOM, no libraries.
//
// Language models use what stands at the start and at the end of a long context better than what stands in
// the middle ("Lost in the middle", Liu et al., TACL 2024). Two tools follow from it: placing one chunk at a
// chosen position (to see whether its position changes the answer), and ordering the context so that the
// best-ranked chunks stand at both ends and the weakest in the middle.

export type ContextPosition = 'first' | 'middle' | 'last';

export const CONTEXT_POSITIONS: readonly ContextPosition[] = ['first', 'middle', 'last'];

/** The index (0-based) that a position names in a context of `count` chunks. */
export function positionIndex(position: ContextPosition, count: number): number {
  if (count <= 0) return 0;
  if (position === 'first') return 0;
  if (position === 'last') return count - 1;
  return Math.floor((count - 1) / 2);
}

/**
 * The positions that are distinct places in a context of `count` chunks: all three from three chunks on,
 * first and last for two, first alone for one, none for an empty context.
 */
export function distinctPositions(count: number): ContextPosition[] {
  if (count <= 0) return [];
  const seen = new Set<number>();
  return CONTEXT_POSITIONS.filter((p) => {
    const at = positionIndex(p, count);
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}

/**
 * The items with the one at `index` moved to `position`; the others keep their order around it.
 * Returns a copy; an index out of range returns the items unchanged.
 */
export function placeAt<T>(items: readonly T[], index: number, position: ContextPosition): T[] {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) return [...items];
  const rest = items.filter((_, i) => i !== index);
  rest.splice(positionIndex(position, items.length), 0, items[index]!);
  return rest;
}

/**
 * The order, as indices into a best-first list of `count` items, that puts the best at both ends and the
 * weakest in the middle: ranks 1, 2, 3, 4, 5 stand as 1, 3, 5, 4, 2.
 */
export function bothEndsOrder(count: number): number[] {
  const front: number[] = [];
  const back: number[] = [];
  for (let i = 0; i < count; i++) (i % 2 === 0 ? front : back).push(i);
  return [...front, ...back.reverse()];
}

/** The items (best first) ordered best-first-and-last: see bothEndsOrder. */
export function orderBothEnds<T>(bestFirst: readonly T[]): T[] {
  return bothEndsOrder(bestFirst.length).map((i) => bestFirst[i]!);
}
