// The query adapter (core/adapterTraining): the trained adapter, the state of a training under way (its
// live loss curve; the training itself is adapterTraining.ts), whether searches apply it (the switch); keeping it with the saved index (IndexedDB) and bringing it back.
// An adapter belongs to the embedding model (and dimension) it was trained for: with an index made by
// another model it is kept but not applied, and the panel says so. A new fit of the built-in LSA embedder
// is a new vector space, so an LSA adapter does not outlive the index it was trained on.
import { create } from 'zustand';
import type { SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';
import { adapterMismatch, applyAdapter } from '@openbook/core/adapterTraining/linearAdapter';
import { DEFAULT_TRAINING_OPTIONS, type TrainingProgress } from '@openbook/core/adapterTraining/trainAdapter';
import { isBuiltinLsa } from '../../adapters/embedder/embeddingModels';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { useIndexStore } from '../embedding/indexStore';
import { saveAdapter } from '../workspace/workspaceStore';

export type AdapterPhase = 'idle' | 'preparing' | 'training';

export const MAX_ADAPTER_EPOCHS = 200;

interface AdapterState {
  adapter: SavedAdapter | null;
  phase: AdapterPhase;
  progress: TrainingProgress | null;
  /** The losses of the training under way (the live curve). */
  liveLosses: number[];
  epochs: number;
  error: Message | null;
  notice: Message | null;
  setEpochs(epochs: number): void;
  setEnabled(enabled: boolean): void;
  discard(): void;
  /** The adapter saved with the index that was just restored (or imported), or null. */
  restore(adapter: SavedAdapter | null): void;
}

/** Keep the adapter with the saved index (null: remove it); a failure is said where the panel shows. */
export function persistAdapter(adapter: SavedAdapter | null): void {
  void saveAdapter(adapter).catch((err: unknown) => useAdapterStore.setState({ error: message('adapter.errors.not-saved', { detail: describeError(err) }) }));
}

export const useAdapterStore = create<AdapterState>()((set, get) => ({
  adapter: null,
  phase: 'idle',
  progress: null,
  liveLosses: [],
  epochs: DEFAULT_TRAINING_OPTIONS.epochs,
  error: null,
  notice: null,

  setEpochs: (epochs) => set({ epochs }),

  setEnabled(enabled) {
    const adapter = get().adapter;
    if (!adapter || adapter.enabled === enabled) return;
    const next = { ...adapter, enabled };
    set({ adapter: next });
    persistAdapter(next);
  },

  discard() {
    set({ adapter: null, notice: null });
    persistAdapter(null);
  },

  restore(adapter) {
    set({ adapter, error: null, notice: null });
  },
}));

/** Why the adapter is not applied to the current index ('model', 'dimension'), or null when it is (or there is none). */
export function adapterMismatchNow(): 'model' | 'dimension' | null {
  const { adapter } = useAdapterStore.getState();
  if (!adapter) return null;
  const { indexedModelId } = useIndexStore.getState();
  return indexedModelId === null ? null : adapterMismatch(adapter, indexedModelId, null);
}

/** The question vector as searches of the index use it: through the adapter when it is on and fits. */
export function adaptQuestionVector(vector: Float32Array): Float32Array {
  const { adapter } = useAdapterStore.getState();
  if (!adapter?.enabled) return vector;
  if (adapterMismatch(adapter, useIndexStore.getState().indexedModelId, vector.length) !== null) return vector;
  return applyAdapter(adapter.weights, adapter.dimension, vector);
}

// A new index: an adapter of the same model (not LSA, whose new fit is a new space) is kept with it;
// saved after the index, whose save replaces the index record.
useIndexStore.subscribe((state, previous) => {
  if (state.lastRun === previous.lastRun || state.lastRun === null) return;
  const { adapter } = useAdapterStore.getState();
  if (!adapter || adapter.modelId !== state.indexedModelId) return;
  if (isBuiltinLsa(adapter.modelId)) {
    useAdapterStore.setState({ adapter: null, notice: message('adapter.refitDropped') });
    return;
  }
  setTimeout(() => persistAdapter(adapter));
});
