// Vectors live in ONE place: the index worker holds those of the index (and IndexedDB their saved copy);
// the page asks the worker when it needs some (vectorsFlat, getVectors). What this module holds is only
// what a run has embedded (or a pipeline streamed, or an interrupted run saved) and the index does not
// hold yet: from the moment the index takes them (takePending) the page lets go of them. One model,
// device (and LSA fit) at a time: vectors of another are never mixed in.
import type { EmbeddingDevice } from '../../adapters/embedder/embedder';
import type { Chunk } from '@openbook/core/types';

/** The text a chunk was embedded as: its own text, or (with contextual headers) its header and text. */
export type EmbeddedTextOf = (chunk: Chunk) => string;

let pending: { key: string; device: EmbeddingDevice; vectors: Map<string, Float32Array> } | null = null;

/** The vectors not yet indexed of this model key and device (an empty map to fill, when there are none). */
export function pendingVectors(key: string, device: EmbeddingDevice): Map<string, Float32Array> {
  if (!pending || pending.key !== key || pending.device !== device) pending = { key, device, vectors: new Map() };
  return pending.vectors;
}

/** The index has taken these vectors (or they no longer apply): let go of them. */
export function dropPending(): void {
  pending = null;
}

/**
 * For each text the index holds a vector of (when it was made by this model key and device): the id of a
 * chunk of that text in the index. The worker copies that chunk's vector into a new build (buildReusing).
 */
export function indexedTextIds(indexed: Iterable<Chunk>, textOf: EmbeddedTextOf): Map<string, string> {
  const ids = new Map<string, string>();
  for (const c of indexed) {
    const text = textOf(c);
    if (!ids.has(text)) ids.set(text, c.id);
  }
  return ids;
}
