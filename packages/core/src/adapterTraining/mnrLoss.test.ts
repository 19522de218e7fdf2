import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seededRandom';
import { identityWeights } from './linearAdapter';
import { mnrLoss } from './mnrLoss';

const unit = (v: Float32Array) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const randomVector = (d: number, rand: () => number) => Float32Array.from({ length: d }, () => rand() * 2 - 1);

describe('mnrLoss', () => {
  it('has the gradient that finite differences measure', () => {
    const rand = seededRandom(7);
    const d = 5;
    const b = 4;
    const weights = identityWeights(d).map((x) => x + (rand() - 0.5) * 0.4);
    const batch = {
      queries: Array.from({ length: b }, () => randomVector(d, rand)),
      positives: Array.from({ length: b }, () => unit(randomVector(d, rand))),
      positiveKeys: [0, 1, 2, 2], // two questions of one chunk: not each other's negative
    };
    const options = { scale: 5, identityPenalty: 0.05 };
    const grad = new Float32Array(d * d);
    mnrLoss(weights, d, batch, options, grad);
    // Float64 copies for the finite differences, so rounding does not swamp the difference.
    const w64 = Float64Array.from(weights);
    const lossAt = (w: Float64Array) => mnrLoss(Float32Array.from(w), d, batch, options);
    const h = 1e-3;
    for (let i = 0; i < d * d; i++) {
      const plus = Float64Array.from(w64);
      const minus = Float64Array.from(w64);
      plus[i]! += h;
      minus[i]! -= h;
      const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
      expect(grad[i]!).toBeCloseTo(numeric, 2);
    }
  });

  it('is lower when each question points at its own chunk', () => {
    const d = 3;
    const positives = [Float32Array.of(1, 0, 0), Float32Array.of(0, 1, 0), Float32Array.of(0, 0, 1)];
    const right = mnrLoss(identityWeights(d), d, { queries: positives, positives, positiveKeys: [0, 1, 2] }, { scale: 10, identityPenalty: 0 });
    const wrong = mnrLoss(
      identityWeights(d),
      d,
      { queries: [positives[1]!, positives[2]!, positives[0]!], positives, positiveKeys: [0, 1, 2] },
      { scale: 10, identityPenalty: 0 },
    );
    expect(right).toBeLessThan(0.01);
    expect(wrong).toBeGreaterThan(5);
  });
});
