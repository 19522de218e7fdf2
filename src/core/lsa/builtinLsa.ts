// The built-in embedder's id (classic LSA, fitted to the workspace's chunks: no download, works offline),
// and the test for it. Pure, so that every layer may ask "is this the built-in embedder?".
import { LSA_MODEL_ID } from './lsaModel';

/** The built-in embedder (classic LSA, fitted to the workspace's chunks): no download, works offline. */
export const BUILTIN_LSA_MODEL_ID = LSA_MODEL_ID;

/** Is this the built-in LSA embedder? */
export const isBuiltinLsa = (model: { readonly id: string } | string | null | undefined): boolean =>
  (typeof model === 'string' ? model : model?.id) === BUILTIN_LSA_MODEL_ID;
