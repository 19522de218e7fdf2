import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seededRandom';
import { applyAdapter, identityWeights, adapterMismatch } from './linearAdapter';
import { DEFAULT_TRAINING_OPTIONS, rankingMetrics, splitExamples, trainAdapter, TrainingCancelledError, type TrainingData } from './trainAdapter';

const unit = (v: Float32Array) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

/** Chunks are random unit vectors; each question is M · (its chunk) + noise, for a fixed mixing M. */
function synthetic(n: number, d: number, seed: number): TrainingData {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const mixing = identityWeights(d).map((x) => x + gauss() * 0.6);
  const corpus = Array.from({ length: n }, () => unit(Float32Array.from({ length: d }, gauss)));
  const examples = corpus.map((p, i) => {
    const q = new Float32Array(d);
    for (let r = 0; r < d; r++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += mixing[r * d + c]! * p[c]!;
      q[r] = s + gauss() * 0.02;
    }
    return { query: q, positive: i, relevant: [i] };
  });
  return { dimension: d, corpus, examples };
}

describe('trainAdapter', () => {
  it('recovers the right neighbours of a known linear map: held-out MRR improves', async () => {
    const data = synthetic(240, 12, 3);
    const progress: number[] = [];
    const result = await trainAdapter(data, { ...DEFAULT_TRAINING_OPTIONS, epochs: 40, learningRate: 0.02, identityPenalty: 0 }, (p) => progress.push(p.loss));
    expect(result.heldOutCount).toBe(60);
    expect(result.trainCount).toBe(180);
    expect(result.before.mrr!).toBeLessThan(0.6);
    expect(result.after.mrr!).toBeGreaterThan(result.before.mrr! + 0.25);
    expect(result.after.hitRate!).toBeGreaterThan(0.9);
    expect(progress.length).toBe(result.losses.length);
    expect(progress.at(-1)!).toBeLessThan(progress[0]!);
  });

  it('starts from the identity: before = metrics of the raw questions', async () => {
    const data = synthetic(20, 4, 1);
    const { heldOut } = splitExamples(20, 0.25, 42);
    const raw = rankingMetrics(
      identityWeights(4),
      data,
      heldOut.map((i) => data.examples[i]!),
      5,
    );
    const result = await trainAdapter(data, { ...DEFAULT_TRAINING_OPTIONS, epochs: 1 });
    expect(result.before).toEqual(raw);
  });

  it('splits the same way for the same seed, never empty on either side', () => {
    expect(splitExamples(10, 0.3, 5)).toEqual(splitExamples(10, 0.3, 5));
    const { train, heldOut } = splitExamples(3, 0.9, 1);
    expect(train.length).toBeGreaterThanOrEqual(1);
    expect(heldOut.length).toBeGreaterThanOrEqual(1);
    expect([...train, ...heldOut].sort()).toEqual([0, 1, 2]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = trainAdapter(synthetic(50, 4, 2), DEFAULT_TRAINING_OPTIONS, () => controller.abort(), controller.signal);
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
  });

  it('refuses too few pairs', async () => {
    await expect(trainAdapter(synthetic(2, 4, 2))).rejects.toThrow(/too-few-pairs/);
  });
});

describe('linear adapter', () => {
  it('the identity leaves a unit vector as it is; a mismatched model is named', () => {
    const v = Float32Array.of(0.6, 0.8);
    expect([...applyAdapter(identityWeights(2), 2, v)]).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    expect(adapterMismatch({ modelId: 'a', dimension: 2 }, 'b', 2)).toBe('model');
    expect(adapterMismatch({ modelId: 'a', dimension: 2 }, 'a', 3)).toBe('dimension');
    expect(adapterMismatch({ modelId: 'a', dimension: 2 }, 'a', 2)).toBeNull();
  });
});
