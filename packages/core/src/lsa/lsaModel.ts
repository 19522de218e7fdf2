// LSA (latent semantic analysis): a built-in embedder that needs no download. fitLsa learns, from the
// chunks themselves, a k-dimensional term space: TF-IDF (tfidf.ts) of the chunks, then the top k right
// singular vectors of the chunk × term matrix (truncatedSvd.ts). Any text, chunk or question, is then
// embedded the same way (folding in):
//   vector = normalise(Wᵀ · tfidf(text))      W = projection, terms × k, the right singular vectors V
// W is V itself, not scaled by the singular values: a chunk's vector is then its row of U Σ (the chunk's
// coordinates in the latent space, each axis weighted by how much of the corpus it explains), the classic
// LSA comparison. V Σ^α for α from -1 (rows of U: every axis equal, the weak noisy ones too) to 1 was tried
// on the sample corpus's question set (scripts/bench/lsa.ts): all within one rank change of each other,
// α = 0 never the worst; so the classic choice stays. The fold-in of a chunk's own text is its fitted vector.
// A text with no vocabulary term embeds as the all-zero vector (not normalisable): the caller decides
// what that means (it matches nothing).
// Pure: no DOM, no workers; fitLsa awaits a macrotask between steps, so that a worker running it can
// receive a cancel, and checks its AbortSignal there.
import { truncatedSvd, svdSteps } from './truncatedSvd';
import { chooseVocabulary, CorpusCounter, DEFAULT_MAX_TERMS, tfidfMatrix, tfidfVector } from './tfidf';

export const LSA_MODEL_ID = 'openbook/lsa';
export const LSA_DEFAULT_DIMENSION = 256;

export interface LsaModel {
  version: 1;
  /** Vocabulary; index = row of `projection`. */
  terms: string[];
  /** terms.length */
  idf: Float32Array;
  /** k */
  dimension: number;
  /** terms.length * dimension, row-major (row t = term t). */
  projection: Float32Array;
  /** dimension, descending. */
  singularValues: Float32Array;
  /** How many texts it was fitted on. */
  chunkCount: number;
}

export interface LsaProgress {
  stage: 'counting' | 'svd' | 'done';
  done: number;
  total: number;
}

export interface LsaFitOptions {
  /** Wanted dimension (default LSA_DEFAULT_DIMENSION); the model's is at most min(this, texts, terms), less where the matrix's rank is. */
  dimension?: number;
  seed?: number;
  /** Vocabulary cap (default DEFAULT_MAX_TERMS = 20,000 terms, those of highest df; see tfidf.ts). */
  maxTerms?: number;
  signal?: AbortSignal;
  onProgress?: (p: LsaProgress) => void;
}

export class LsaCancelledError extends Error {
  constructor(message = 'LSA fitting was cancelled') {
    super(message);
    this.name = 'LsaCancelledError';
  }
}

/** Texts tokenised between two yields to the event loop (at most; it yields sooner after YIELD_MS). */
const COUNT_BATCH = 250;
const YIELD_MS = 30;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Fit an LSA model on the texts (chunks); see the header. */
export async function fitLsa(texts: readonly string[], options: LsaFitOptions = {}): Promise<LsaModel> {
  const { signal, onProgress } = options;
  const check = () => {
    if (signal?.aborted) throw new LsaCancelledError();
  };
  check();
  if (texts.length === 0) throw new Error('LSA needs at least one text to fit on');
  const requested = Math.floor(options.dimension ?? LSA_DEFAULT_DIMENSION);
  if (!(requested >= 1)) throw new Error(`LSA dimension must be at least 1, not ${options.dimension}`);

  const counter = new CorpusCounter();
  let last = performance.now();
  for (let from = 0; from < texts.length; ) {
    const to = Math.min(texts.length, from + COUNT_BATCH);
    counter.add(texts.slice(from, to));
    from = to;
    onProgress?.({ stage: 'counting', done: from, total: texts.length });
    if (performance.now() - last > YIELD_MS || from === texts.length) {
      await macrotask();
      check();
      last = performance.now();
    }
  }
  const counts = counter.result();
  const vocabulary = chooseVocabulary(counts, options.maxTerms ?? DEFAULT_MAX_TERMS);
  const matrix = tfidfMatrix(counts, vocabulary);
  if (matrix.value.length === 0) throw new Error('None of the texts has a word that LSA can index');

  onProgress?.({ stage: 'svd', done: 0, total: svdSteps() });
  const svd = await truncatedSvd(matrix, requested, {
    seed: options.seed ?? 1,
    checkpoint: async (done, total) => {
      onProgress?.({ stage: 'svd', done, total });
      await macrotask();
      check();
    },
  });
  onProgress?.({ stage: 'done', done: 1, total: 1 });
  return {
    version: 1,
    terms: vocabulary.terms,
    idf: vocabulary.idf,
    dimension: svd.k,
    projection: Float32Array.from(svd.basis),
    singularValues: Float32Array.from(svd.singularValues),
    chunkCount: texts.length,
  };
}

/** Term → row, per model object (built on first use: a 20,000-term Map takes milliseconds; a model read back from storage is a new object and builds its own). */
const termIndexes = new WeakMap<LsaModel, Map<string, number>>();

function termIndex(model: LsaModel): Map<string, number> {
  let index = termIndexes.get(model);
  if (!index) {
    index = new Map(model.terms.map((term, i) => [term, i]));
    termIndexes.set(model, index);
  }
  return index;
}

/** Each text's LSA vector: L2-normalised Float32Array of model.dimension; all zeros for a text with no known term. */
export function embedLsa(model: LsaModel, texts: readonly string[]): Float32Array[] {
  const index = termIndex(model);
  const k = model.dimension;
  const { projection, idf } = model;
  const acc = new Float64Array(k);
  return texts.map((text) => {
    const { ids, weights } = tfidfVector(index, idf, text);
    acc.fill(0);
    for (let i = 0; i < ids.length; i++) {
      const w = weights[i]!;
      const o = ids[i]! * k;
      for (let j = 0; j < k; j++) acc[j] = acc[j]! + w * projection[o + j]!;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += acc[j]! * acc[j]!;
    const out = new Float32Array(k);
    if (sum > 0) {
      const scale = 1 / Math.sqrt(sum);
      for (let j = 0; j < k; j++) out[j] = acc[j]! * scale;
    }
    return out;
  });
}

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/**
 * Validate something read back from storage or a workspace file; returns the first problem as an
 * English sentence, or null.
 */
export function lsaModelProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'The LSA model is not an object.';
  const m = value as Partial<Record<keyof LsaModel, unknown>>;
  if (m.version !== 1) return `The LSA model has version ${String(m.version)}, not 1.`;
  const { terms, idf, dimension, projection, singularValues, chunkCount } = m;
  if (!Array.isArray(terms)) return 'The LSA model has no list of terms.';
  if (terms.length === 0) return 'The LSA model has no terms.';
  const seen = new Set<string>();
  for (const term of terms as unknown[]) {
    if (typeof term !== 'string') return 'A term of the LSA model is not a string.';
    if (seen.has(term)) return `The LSA model lists the term "${term}" twice.`;
    seen.add(term);
  }
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) return 'The LSA model’s dimension is not a whole number of at least 1.';
  if (typeof chunkCount !== 'number' || !Number.isInteger(chunkCount) || chunkCount < 1)
    return 'The LSA model’s chunk count is not a whole number of at least 1.';
  if (!(idf instanceof Float32Array)) return 'The LSA model’s idf is not a Float32Array.';
  if (idf.length !== terms.length) return `The LSA model has ${idf.length} idf values for ${terms.length} terms.`;
  if (!allFinite(idf)) return 'The LSA model’s idf has a value that is not a finite number.';
  if (!(projection instanceof Float32Array)) return 'The LSA model’s projection is not a Float32Array.';
  if (projection.length !== terms.length * dimension) return `The LSA model’s projection has ${projection.length} values, not ${terms.length} × ${dimension}.`;
  if (!allFinite(projection)) return 'The LSA model’s projection has a value that is not a finite number.';
  if (!(singularValues instanceof Float32Array)) return 'The LSA model’s singular values are not a Float32Array.';
  if (singularValues.length !== dimension) return `The LSA model has ${singularValues.length} singular values, not ${dimension}.`;
  if (!allFinite(singularValues)) return 'The LSA model has a singular value that is not a finite number.';
  return null;
}
