// The multiple-negatives ranking loss of a batch of (question, expected chunk) pairs, and its gradient
// with respect to the adapter W (see linearAdapter.ts). For question i of the batch, u_i = W q_i and
// û_i = u_i / |u_i|; its score against the batch's chunk j (unit vectors p_j) is
//     s_ij = scale · û_i · p_j
// and its loss is the cross-entropy of a softmax over the batch's chunks, the right one being its own:
//     L_i = −log( exp(s_ii) / Σ_j exp(s_ij) )
// (the other pairs' chunks are the in-batch negatives; a chunk that is also question i's own expected
// chunk — two questions of one chunk — is left out of i's softmax, not counted as a negative). With a
// penalty λ‖W − I‖² that keeps the adapter near the identity on a small training set:
//     L = (1/B) Σ_i L_i + λ ‖W − I‖²_F
// Gradient (analytic): ∂L_i/∂s_ij = softmax_ij − [j = i]; ∂L_i/∂û_i = scale Σ_j (softmax_ij − [j = i]) p_j;
// through the normalisation ∂L_i/∂u_i = (g − (g·û_i) û_i) / |u_i| with g = ∂L_i/∂û_i; and
// ∂L/∂W = (1/B) Σ_i (∂L_i/∂u_i) q_iᵀ + 2λ (W − I).
import { multiply } from './linearAdapter';

export interface LossOptions {
  /** Multiplies the cosine scores before the softmax (a temperature of 1/scale). */
  scale: number;
  /** Weight of the ‖W − I‖² penalty. */
  identityPenalty: number;
}

export const DEFAULT_LOSS_OPTIONS: LossOptions = { scale: 20, identityPenalty: 0.01 };

export interface Batch {
  /** Question vectors. */
  queries: readonly Float32Array[];
  /** Expected chunk vectors (unit length), one per question. */
  positives: readonly Float32Array[];
  /** Which chunk each positive is (equal keys: the same chunk, never a negative for each other). */
  positiveKeys: readonly number[];
}

/**
 * The batch's loss; when `gradient` is given (length d²), the gradient is ADDED to it.
 */
export function mnrLoss(weights: Float32Array, d: number, batch: Batch, options: LossOptions, gradient?: Float32Array): number {
  const b = batch.queries.length;
  if (b === 0) return 0;
  const { scale, identityPenalty } = options;
  const u = new Float32Array(d);
  const g = new Float32Array(d);
  const scores = new Float64Array(b);
  let loss = 0;
  for (let i = 0; i < b; i++) {
    const q = batch.queries[i]!;
    multiply(weights, d, q, u);
    let norm = 0;
    for (let k = 0; k < d; k++) norm += u[k]! * u[k]!;
    norm = Math.sqrt(norm);
    if (norm === 0) continue; // a zero question vector carries no signal
    let max = -Infinity;
    for (let j = 0; j < b; j++) {
      if (j !== i && batch.positiveKeys[j] === batch.positiveKeys[i]) {
        scores[j] = -Infinity;
        continue;
      }
      const p = batch.positives[j]!;
      let s = 0;
      for (let k = 0; k < d; k++) s += u[k]! * p[k]!;
      scores[j] = (scale * s) / norm;
      if (scores[j]! > max) max = scores[j]!;
    }
    let sum = 0;
    for (let j = 0; j < b; j++) sum += Math.exp(scores[j]! - max);
    const logSum = max + Math.log(sum);
    loss += logSum - scores[i]!;
    if (!gradient) continue;
    // g = ∂L_i/∂û = scale Σ_j (softmax_ij − [j = i]) p_j
    g.fill(0);
    for (let j = 0; j < b; j++) {
      const coeff = Math.exp(scores[j]! - logSum) - (j === i ? 1 : 0);
      if (coeff === 0) continue;
      const p = batch.positives[j]!;
      for (let k = 0; k < d; k++) g[k]! += scale * coeff * p[k]!;
    }
    // ∂L_i/∂u = (g − (g·û) û) / |u|, then its outer product with q, divided by B.
    let gu = 0;
    for (let k = 0; k < d; k++) gu += (g[k]! * u[k]!) / norm;
    for (let r = 0; r < d; r++) {
      const du = (g[r]! - (gu * u[r]!) / norm) / norm / b;
      if (du === 0) continue;
      const row = r * d;
      for (let c = 0; c < d; c++) gradient[row + c]! += du * q[c]!;
    }
  }
  loss /= b;
  if (identityPenalty > 0) {
    let penalty = 0;
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        const diff = weights[r * d + c]! - (r === c ? 1 : 0);
        penalty += diff * diff;
        if (gradient) gradient[r * d + c]! += 2 * identityPenalty * diff;
      }
    }
    loss += identityPenalty * penalty;
  }
  return loss;
}
