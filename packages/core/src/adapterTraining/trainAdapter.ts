// Training a linear query adapter (linearAdapter.ts) on (question, expected chunk) pairs with the
// multiple-negatives ranking loss (mnrLoss.ts) and Adam, with a seeded train / held-out split, and the
// held-out questions' hit rate@k and MRR over the whole corpus before (identity) and after training.
// Pure: no DOM, no workers. It awaits a macrotask after each step, so that a worker running it can
// receive a cancel, and checks its AbortSignal there; onProgress gets every step's loss (the live curve).
import { seededRandom } from '../seededRandom';
import { aggregate, scoreQuestion, type SetMetrics } from '../evaluation/metrics';
import { applyAdapter, identityWeights } from './linearAdapter';
import { DEFAULT_LOSS_OPTIONS, mnrLoss, type LossOptions } from './mnrLoss';

/** One pair: a question's vector, its expected chunk, and every chunk that counts as relevant to it. */
export interface TrainingExample {
  query: Float32Array;
  /** Index in the corpus of the expected chunk (the positive). */
  positive: number;
  /** Indices in the corpus of every relevant chunk (for hit rate and MRR); includes `positive`. */
  relevant: readonly number[];
}

export interface TrainingData {
  dimension: number;
  /** Every chunk vector (unit length): the positives, and what held-out questions are ranked against. */
  corpus: readonly Float32Array[];
  examples: readonly TrainingExample[];
}

export interface TrainingOptions extends LossOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Share of the examples held out (never trained on), 0..0.9. */
  heldOutShare: number;
  seed: number;
  /** The k of hit rate@k and MRR@k. */
  k: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  ...DEFAULT_LOSS_OPTIONS,
  epochs: 20,
  batchSize: 32,
  learningRate: 0.005,
  heldOutShare: 0.25,
  seed: 42,
  k: 5,
};

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  /** The step's batch loss. */
  loss: number;
}

export interface TrainingResult {
  weights: Float32Array;
  trainCount: number;
  heldOutCount: number;
  /** Held-out hit rate@k and MRR@k with the identity (no adapter) and with the trained adapter. */
  before: SetMetrics;
  after: SetMetrics;
  /** Every step's batch loss. */
  losses: number[];
  ms: number;
}

export class TrainingCancelledError extends Error {
  constructor() {
    super('Adapter training was cancelled.');
    this.name = 'TrainingCancelledError';
  }
}

export type TrainingProblem = 'too-few-pairs' | 'bad-dimension';

/** Why this data cannot be trained on, or null. Needs two pairs to train and one to hold out. */
export function trainingProblem(data: TrainingData): TrainingProblem | null {
  if (!Number.isInteger(data.dimension) || data.dimension < 1) return 'bad-dimension';
  if (data.corpus.some((v) => v.length !== data.dimension) || data.examples.some((e) => e.query.length !== data.dimension)) return 'bad-dimension';
  if (data.examples.length < 3) return 'too-few-pairs';
  return null;
}

function shuffled(n: number, rand: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Seeded split: at least one example on each side. */
export function splitExamples(n: number, heldOutShare: number, seed: number): { train: number[]; heldOut: number[] } {
  const order = shuffled(n, seededRandom(seed));
  const held = Math.min(n - 1, Math.max(1, Math.round(n * Math.min(0.9, Math.max(0, heldOutShare)))));
  return { heldOut: order.slice(0, held).sort((a, b) => a - b), train: order.slice(held).sort((a, b) => a - b) };
}

/** Hit rate@k and MRR@k of these examples, ranking the whole corpus by cosine with the adapted question. */
export function rankingMetrics(weights: Float32Array, data: TrainingData, examples: readonly TrainingExample[], k: number): SetMetrics {
  const d = data.dimension;
  const scores = examples.map((e) => {
    const q = applyAdapter(weights, d, e.query);
    const sims = data.corpus.map((p) => {
      let s = 0;
      for (let i = 0; i < d; i++) s += q[i]! * p[i]!;
      return s;
    });
    const order = sims.map((_, i) => i).sort((a, b) => sims[b]! - sims[a]! || a - b);
    const relevant = new Set(e.relevant);
    return scoreQuestion(
      order.slice(0, k).map((i) => relevant.has(i)),
      k,
    );
  });
  return aggregate(scores);
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function trainAdapter(
  data: TrainingData,
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  onProgress?: (p: TrainingProgress) => void,
  signal?: AbortSignal,
): Promise<TrainingResult> {
  const start = performance.now();
  const problem = trainingProblem(data);
  if (problem) throw new Error(`Cannot train an adapter: ${problem}`);
  const d = data.dimension;
  const { train, heldOut } = splitExamples(data.examples.length, options.heldOutShare, options.seed);
  const heldOutExamples = heldOut.map((i) => data.examples[i]!);
  const weights = identityWeights(d);
  const before = rankingMetrics(weights, data, heldOutExamples, options.k);

  const size = d * d;
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  const grad = new Float32Array(size);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const rand = seededRandom(options.seed + 1);
  const batchSize = Math.max(2, Math.floor(options.batchSize));
  const steps = Math.ceil(train.length / batchSize);
  const losses: number[] = [];
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffled(train.length, rand).map((i) => train[i]!);
    for (let step = 0; step < steps; step++) {
      if (signal?.aborted) throw new TrainingCancelledError();
      const picked = order.slice(step * batchSize, (step + 1) * batchSize).map((i) => data.examples[i]!);
      if (picked.length < 2) continue;
      grad.fill(0);
      const loss = mnrLoss(
        weights,
        d,
        { queries: picked.map((e) => e.query), positives: picked.map((e) => data.corpus[e.positive]!), positiveKeys: picked.map((e) => e.positive) },
        options,
        grad,
      );
      t++;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      const lr = options.learningRate;
      for (let i = 0; i < size; i++) {
        const gi = grad[i]!;
        const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * gi);
        const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi);
        weights[i]! -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      }
      losses.push(loss);
      onProgress?.({ epoch, epochs: options.epochs, step: epoch * steps + step + 1, steps: options.epochs * steps, loss });
      await macrotask();
    }
  }
  if (signal?.aborted) throw new TrainingCancelledError();
  const after = rankingMetrics(weights, data, heldOutExamples, options.k);
  return { weights, trainCount: train.length, heldOutCount: heldOut.length, before, after, losses, ms: performance.now() - start };
}
