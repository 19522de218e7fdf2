// The built-in embedder's id (classic LSA, fitted to the workspace's chunks: no download, works offline),
// and the test for it. Pure, so that every layer may ask "is this the built-in embedder?".
import type { EmbeddingDevice } from '../types';
import { LSA_MODEL_ID } from './lsaModel';

/** The built-in embedder (classic LSA, fitted to the workspace's chunks): no download, works offline. */
export const BUILTIN_LSA_MODEL_ID = LSA_MODEL_ID;

/** Is this the built-in LSA embedder? */
export const isBuiltinLsa = (model: { readonly id: string } | string | null | undefined): boolean =>
  (typeof model === 'string' ? model : model?.id) === BUILTIN_LSA_MODEL_ID;

/**
 * The device that made a model's vectors: always 'cpu' for the built-in embedder (indexes and files saved
 * before it said so hold 'wasm'), the saved device for any other model.
 */
export const embeddingDeviceOf = (modelId: string, device: EmbeddingDevice): EmbeddingDevice => (isBuiltinLsa(modelId) ? 'cpu' : device);
