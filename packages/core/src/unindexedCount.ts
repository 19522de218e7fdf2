// How many chunks exist now that the vector index does not hold with their current text (step 3 says "N
// chunks are not in the index yet"). Counted a document at a time and remembered for each document's list of
// chunks: a redraw counts nothing, a document chunked (again) counts its own chunks only, and only a new
// index counts every chunk once more (a pass over 100k chunks was half of an ~80 ms redraw after a restore,
// and was repeated for every document chunked). Pure.
import type { Chunk } from './types';

/** Chunks of `chunks` that the index does not hold with their current text. */
export function countUnindexed(chunks: readonly Chunk[], indexed: ReadonlyMap<string, Chunk>): number {
  let n = 0;
  for (const c of chunks) {
    const held = indexed.get(c.id);
    if (held !== c && held?.text !== c.text) n++;
  }
  return n;
}

/**
 * A counter over documents' chunk lists (each list never changed in place: a document chunked again has a
 * new list) that remembers each list's count for as long as the index (its chunk map) is the same.
 */
export function unindexedCounter(): (lists: Iterable<readonly Chunk[]>, indexed: ReadonlyMap<string, Chunk>) => number {
  let against: ReadonlyMap<string, Chunk> | null = null;
  let counts = new WeakMap<readonly Chunk[], number>();
  return (lists, indexed) => {
    if (indexed !== against) {
      against = indexed;
      counts = new WeakMap();
    }
    let n = 0;
    for (const list of lists) {
      let k = counts.get(list);
      if (k === undefined) counts.set(list, (k = countUnindexed(list, indexed)));
      n += k;
    }
    return n;
  };
}
