// A trained query adapter as it is kept: its weights, the embedding model it belongs to, whether searches
// use it, and how it was trained (held-out figures, the loss curve), so that the page can show them again
// after a reload or an import. Saved with the workspace's index (IndexedDB) and in workspace files.
import type { SetMetrics } from '../evaluation/metrics';
import type { LinearAdapter } from './linearAdapter';

export interface SavedAdapter extends LinearAdapter {
  /** Whether searches of the index apply it (the switch). */
  enabled: boolean;
  /** When it was trained (ms since 1970). */
  trainedAt: number;
  trainCount: number;
  heldOutCount: number;
  /** The k of the held-out hit rate@k and MRR@k. */
  k: number;
  before: SetMetrics;
  after: SetMetrics;
  /** Every training step's loss. */
  losses: number[];
}

/** The largest dimension an adapter is kept for (d² weights: 1024 dims = 4 MB). */
export const MAX_ADAPTER_DIMENSION = 1024;
/** The most loss points kept. */
export const MAX_ADAPTER_LOSSES = 10_000;

const isMetrics = (m: unknown): m is SetMetrics => {
  const x = m as Partial<Record<keyof SetMetrics, unknown>> | null;
  const ratio = (v: unknown) => v === null || (typeof v === 'number' && v >= 0 && v <= 1);
  return (
    !!x &&
    typeof x === 'object' &&
    Number.isInteger(x.questions) &&
    Number.isInteger(x.hits) &&
    ratio(x.hitRate) &&
    ratio(x.mrr) &&
    (x.questions as number) >= 0
  );
};

/** What is wrong with a record read back as an adapter (storage, a file), or null when it is sound. */
export function savedAdapterProblem(a: unknown): string | null {
  const x = a as Partial<Record<keyof SavedAdapter, unknown>> | null;
  if (!x || typeof x !== 'object') return 'not an object';
  if (typeof x.modelId !== 'string' || x.modelId === '' || x.modelId.length > 500) return 'modelId';
  if (!Number.isInteger(x.dimension) || (x.dimension as number) < 1 || (x.dimension as number) > MAX_ADAPTER_DIMENSION) return 'dimension';
  const d = x.dimension as number;
  if (!(x.weights instanceof Float32Array) || x.weights.length !== d * d) return 'weights';
  for (const w of x.weights) if (!Number.isFinite(w)) return 'weights';
  if (typeof x.enabled !== 'boolean') return 'enabled';
  if (typeof x.trainedAt !== 'number' || !Number.isFinite(x.trainedAt)) return 'trainedAt';
  if (!Number.isInteger(x.trainCount) || !Number.isInteger(x.heldOutCount) || !Number.isInteger(x.k)) return 'counts';
  if (!isMetrics(x.before) || !isMetrics(x.after)) return 'metrics';
  if (!Array.isArray(x.losses) || x.losses.length > MAX_ADAPTER_LOSSES || x.losses.some((l) => typeof l !== 'number' || !Number.isFinite(l))) return 'losses';
  return null;
}
