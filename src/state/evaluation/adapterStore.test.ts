// The query adapter applies to the index's question vectors only when it is switched on and belongs to the
// index's embedding model and dimension; otherwise the vector is used as it is, and the panel is told why.
import { afterEach, describe, expect, it } from 'vitest';
import { identityWeights } from '@openbook/core/adapterTraining/linearAdapter';
import type { SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';
import { adaptQuestionVector, adapterMismatchNow, useAdapterStore } from './adapterStore';
import { useIndexStore } from '../embedding/indexStore';

const metrics = { questions: 1, hits: 1, hitRate: 1, mrr: 1 };
function swapAdapter(modelId: string, enabled = true): SavedAdapter {
  // Swaps the two axes: (a, b) → (b, a).
  const weights = Float32Array.of(0, 1, 1, 0);
  return { modelId, dimension: 2, weights, enabled, trainedAt: 0, trainCount: 3, heldOutCount: 1, k: 5, before: metrics, after: metrics, losses: [] };
}

afterEach(() => {
  useAdapterStore.setState({ adapter: null });
  useIndexStore.setState({ indexedModelId: null });
});

describe('adaptQuestionVector', () => {
  it('maps the question vector when the adapter is on and of the index’s model', () => {
    useIndexStore.setState({ indexedModelId: 'm' });
    useAdapterStore.getState().restore(swapAdapter('m'));
    expect([...adaptQuestionVector(Float32Array.of(1, 0))]).toEqual([0, 1]);
    expect(adapterMismatchNow()).toBeNull();
  });

  it('leaves the vector as it is when switched off, of another model or dimension, or when there is none', () => {
    const v = Float32Array.of(1, 0);
    useIndexStore.setState({ indexedModelId: 'm' });
    expect(adaptQuestionVector(v)).toBe(v);
    useAdapterStore.getState().restore(swapAdapter('m', false));
    expect(adaptQuestionVector(v)).toBe(v);
    useAdapterStore.getState().restore(swapAdapter('other'));
    expect(adaptQuestionVector(v)).toBe(v);
    expect(adapterMismatchNow()).toBe('model');
    useAdapterStore.getState().restore({ ...swapAdapter('m'), dimension: 3, weights: identityWeights(3) });
    expect(adaptQuestionVector(v)).toBe(v);
  });
});
