// Reading the vectors an index holds, for the page that keeps none of its own (state/embedding/pendingVectors.ts):
// all of some ids in one flat buffer, and a build that takes some vectors from the index as it is.
import type { IndexItem, IndexStatus, ReusedItem } from './vectorIndex';

/** An index whose stored vectors can be read (copies) and that can be built again. */
export interface VectorHolder {
  vectorsOf(ids: readonly string[]): Array<Float32Array | null>;
  build(items: IndexItem[], onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void): Promise<IndexStatus>;
}

/** The stored vector of an id, a view or a copy, read at once (ExactIndex.vectorOf, LazyVoyIndex.viewOf). */
export type ViewOf = (id: string) => Float32Array | undefined;

/**
 * The stored vectors of these ids one after another (ids.length × dimension), or null when one is not
 * indexed. Copied straight from the index's rows (no array per vector on the way).
 */
export function flatVectors(viewOf: ViewOf, ids: readonly string[]): Float32Array | null {
  const first = ids.length > 0 ? viewOf(ids[0]!) : undefined;
  const dim = first?.length ?? 0;
  const flat = new Float32Array(ids.length * dim);
  for (let i = 0; i < ids.length; i++) {
    const v = i === 0 ? first : viewOf(ids[i]!);
    if (!v || v.length !== dim) return null;
    flat.set(v, i * dim);
  }
  return flat;
}

/**
 * Build the index from these items, where a `from` item takes the vector the index holds now for that id.
 * Rejects, with the index unchanged, when one of those is not there.
 */
export function buildReusing(
  index: VectorHolder,
  items: ReadonlyArray<IndexItem | ReusedItem>,
  onProgress?: (done: number, total: number) => void,
  onLaterStatus?: (status: IndexStatus) => void,
): Promise<IndexStatus> {
  // Copies (the build replaces the rows they come from), one per distinct source id.
  const sources = [...new Set(items.flatMap((item) => ('from' in item ? [item.from] : [])))];
  const vectors = new Map(index.vectorsOf(sources).map((v, i) => [sources[i]!, v]));
  const resolved: IndexItem[] = [];
  for (const item of items) {
    if (!('from' in item)) {
      resolved.push(item);
      continue;
    }
    const vector = vectors.get(item.from);
    if (!vector) return Promise.reject(new Error(`The index holds no vector for "${item.from}" any more.`));
    resolved.push({ id: item.id, vector });
  }
  return index.build(resolved, onProgress, onLaterStatus);
}

/**
 * Vectors in few buffers: `runs` hold the vectors of `ids` one after another (each run a whole number of
 * vectors). This is how a page sends many vectors: a few buffers (transferable) instead of an object per vector.
 */
export interface PackedVectors {
  ids: string[];
  runs: Float32Array[];
  /**
   * Items that take the vector the index holds now for another id (a chunk whose text was embedded before,
   * as buildReusing's `from` items): `at` is the item's place in `ids`. The runs hold the vectors of the other
   * ids, in order.
   */
  reused?: Array<{ at: number; from: string }>;
}

/** Pack items whose vectors lie one after another in shared buffers (views of them) into runs over those buffers. */
export function packVectors(items: readonly IndexItem[]): PackedVectors {
  const runs: Float32Array[] = [];
  let run: { buffer: ArrayBufferLike; start: number; end: number } | null = null;
  const close = () => run && runs.push(new Float32Array(run.buffer, run.start, (run.end - run.start) / 4));
  for (const { vector } of items) {
    if (run && vector.buffer === run.buffer && vector.byteOffset === run.end) run.end += vector.byteLength;
    else {
      close();
      run = { buffer: vector.buffer, start: vector.byteOffset, end: vector.byteOffset + vector.byteLength };
    }
  }
  close();
  return { ids: items.map((item) => item.id), runs };
}

/** The items of packed vectors (views of the runs), or an error when the runs do not hold one vector per id. */
export function unpackVectors({ ids, runs }: PackedVectors): IndexItem[] {
  const total = runs.reduce((sum, r) => sum + r.length, 0);
  const dim = ids.length > 0 ? total / ids.length : 0;
  if (ids.length > 0 && (!Number.isInteger(dim) || dim === 0 || runs.some((r) => r.length % dim !== 0)))
    throw new Error(`${total} numbers cannot be ${ids.length} vectors.`);
  const items: IndexItem[] = [];
  for (const r of runs) for (let at = 0; at < r.length; at += dim) items.push({ id: ids[items.length]!, vector: r.subarray(at, at + dim) });
  return items;
}

/** The items of packed vectors in their order, those of `reused` taking another id's vector (see buildReusing). */
export function unpackReusing(packed: PackedVectors): Array<IndexItem | ReusedItem> {
  const reused = [...(packed.reused ?? [])].sort((a, b) => a.at - b.at);
  if (reused.length === 0) return unpackVectors(packed);
  const taken = new Set(reused.map((r) => r.at));
  const own = unpackVectors({ ids: packed.ids.filter((_, i) => !taken.has(i)), runs: packed.runs });
  let next = 0;
  let r = 0;
  return packed.ids.map((id, i) => (reused[r]?.at === i ? { id, from: reused[r++]!.from } : own[next++]!));
}

/** build() of packed vectors, some of them reused from the index as it is (buildReusing). */
export function buildPacked(
  index: VectorHolder,
  packed: PackedVectors,
  onProgress?: (done: number, total: number) => void,
  onLaterStatus?: (status: IndexStatus) => void,
): Promise<IndexStatus> {
  return buildReusing(index, unpackReusing(packed), onProgress, onLaterStatus);
}

/** The worker's reads of stored vectors over an index in this thread (for tests that stand in for the worker). */
export function storedVectorReads(index: VectorHolder) {
  // A staged build here keeps its items and builds them at the commit (the worker indexes each part at once).
  let staged: IndexItem[] = [];
  return {
    stagePacked: async (packed: PackedVectors, fresh: boolean) => {
      if (fresh) staged = [];
      staged.push(...unpackVectors(packed));
    },
    stageCommit: (onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void) => {
      const items = staged;
      staged = [];
      return index.build(items, onProgress, onLaterStatus);
    },
    stageDrop: async () => {
      staged = [];
    },
    vectorsFlat: (ids: string[]) => flatVectors((id) => index.vectorsOf([id])[0] ?? undefined, ids),
    buildPacked: (packed: PackedVectors, onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void) =>
      buildPacked(index, packed, onProgress, onLaterStatus),
  };
}
