// fitLsa / embedLsa / lsaModelProblem: folding a chunk in gives its fitted vector, determinism,
// cancellation, errors, zero vectors for unknown text, prototype-key terms, and model validation.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seededRandom';
import { embedLsa, fitLsa, LsaCancelledError, lsaModelProblem, type LsaModel, type LsaProgress } from './lsaModel';
import { csrTimesDense } from './sparse';
import { ENGLISH_SYNONYM_CASE } from './synonymCorpora';
import { chooseVocabulary, countCorpus, SINGLETON_CUTOFF, tfidfMatrix } from './tfidf';
import { truncatedSvd } from './truncatedSvd';

/** n texts of random words: a Zipf-like draw from a vocabulary of `words` words (so some appear once only). */
function randomTexts(n: number, words: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const word = () => `w${Math.floor(Math.exp(rand() * Math.log(words)))}`;
  return Array.from({ length: n }, () => Array.from({ length: 8 + Math.floor(rand() * 12) }, word).join(' '));
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('fitLsa and embedLsa', () => {
  it.each([
    ['a small corpus', ENGLISH_SYNONYM_CASE.chunks, 5],
    ['a large one (one-chunk terms dropped)', randomTexts(SINGLETON_CUTOFF + 200, 3000, 4), 40],
  ])('folding a chunk’s text in gives its fitted vector (%s)', async (_, texts, dimension) => {
    const model = await fitLsa(texts, { dimension });
    expect(model.dimension).toBe(dimension);
    expect(model.chunkCount).toBe(texts.length);
    // The fit, step by step: its tf-idf matrix A and basis W; the fitted chunk vectors are the rows of A W (= U Σ).
    const counts = countCorpus(texts);
    const vocabulary = chooseVocabulary(counts);
    expect(model.terms).toEqual(vocabulary.terms);
    const a = tfidfMatrix(counts, vocabulary);
    const svd = await truncatedSvd(a, dimension, { seed: 1 });
    expect(model.projection).toEqual(Float32Array.from(svd.basis));
    const fitted = csrTimesDense(a, svd.basis, dimension);
    const folded = embedLsa(model, texts);
    let worst = 0;
    texts.forEach((_, r) => {
      const row = fitted.subarray(r * dimension, (r + 1) * dimension);
      const norm = Math.hypot(...row);
      for (let j = 0; j < dimension; j++) worst = Math.max(worst, Math.abs(folded[r]![j]! - row[j]! / norm));
    });
    expect(worst).toBeLessThan(1e-5);
    for (const v of folded) expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('singular values come back descending, and the dimension is capped by chunks and terms', async () => {
    const model = await fitLsa(ENGLISH_SYNONYM_CASE.chunks);
    expect(model.dimension).toBe(ENGLISH_SYNONYM_CASE.chunks.length);
    for (let j = 1; j < model.dimension; j++) expect(model.singularValues[j]!).toBeLessThanOrEqual(model.singularValues[j - 1]!);
    expect((await fitLsa(['one two', 'two three'], { dimension: 256 })).dimension).toBe(2);
    expect((await fitLsa(['same same', 'same'], { dimension: 256 })).dimension).toBe(1);
  });

  it('is deterministic: the same texts give identical models and vectors', async () => {
    const texts = randomTexts(300, 500, 8);
    const [a, b] = [await fitLsa(texts, { dimension: 20 }), await fitLsa(texts, { dimension: 20 })];
    expect(a).toEqual(b);
    expect(embedLsa(a, texts.slice(0, 5))).toEqual(embedLsa(b, texts.slice(0, 5)));
    const other = await fitLsa(texts, { dimension: 20, seed: 2 });
    // The seed is used: random words have a flat spectrum, where the randomised SVD's trailing components depend on it.
    expect(other.projection).not.toEqual(a.projection);
  });

  it('embeds a text with no known word as all zeros', async () => {
    const model = await fitLsa(ENGLISH_SYNONYM_CASE.chunks, { dimension: 3 });
    const [v] = embedLsa(model, ['zzz qqq']);
    expect(v).toEqual(new Float32Array(3));
  });

  it('treats prototype keys as ordinary terms', async () => {
    const model = await fitLsa(['__proto__ constructor', 'constructor hasownproperty', 'tostring __proto__'], { dimension: 2 });
    expect(model.terms).toContain('__proto__');
    const [v] = embedLsa(model, ['__proto__']);
    expect(dot(v!, v!)).toBeCloseTo(1, 5);
    expect(lsaModelProblem(model)).toBeNull();
  });

  it('reports progress through counting and the SVD to done', async () => {
    const stages: LsaProgress['stage'][] = [];
    await fitLsa(randomTexts(600, 400, 2), { dimension: 8, onProgress: (p) => stages.push(p.stage) });
    expect(stages[0]).toBe('counting');
    expect(stages).toContain('svd');
    expect(stages.at(-1)).toBe('done');
  });

  it('throws LsaCancelledError when aborted, before or during the fit', async () => {
    const texts = randomTexts(600, 400, 3);
    await expect(fitLsa(texts, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(LsaCancelledError);
    for (const stage of ['counting', 'svd'] as const) {
      const controller = new AbortController();
      const seen: string[] = [];
      const fit = fitLsa(texts, {
        dimension: 8,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.stage);
          if (p.stage === stage) controller.abort();
        },
      });
      await expect(fit).rejects.toThrow(LsaCancelledError);
      await expect(fit).rejects.toHaveProperty('name', 'LsaCancelledError');
      expect(seen).not.toContain('done');
    }
  });

  it('rejects an empty input, and texts without a word', async () => {
    await expect(fitLsa([])).rejects.toThrow(/at least one text/);
    await expect(fitLsa(['', '  !!! ', '—'])).rejects.toThrow(/word/);
  });
});

describe('lsaModelProblem', () => {
  const good = async () => fitLsa(ENGLISH_SYNONYM_CASE.chunks, { dimension: 3 });

  it('accepts a fitted model', async () => {
    expect(lsaModelProblem(await good())).toBeNull();
  });

  it.each<[string, (m: LsaModel) => unknown, RegExp]>([
    ['not an object', () => null, /not an object/],
    ['another version', (m) => ({ ...m, version: 2 }), /version 2/],
    ['terms missing', (m) => ({ ...m, terms: undefined }), /no list of terms/],
    ['a term not a string', (m) => ({ ...m, terms: [...m.terms.slice(1), 7] }), /not a string/],
    ['a duplicate term', (m) => ({ ...m, terms: [m.terms[1], ...m.terms.slice(1)] }), /twice/],
    ['dimension 0', (m) => ({ ...m, dimension: 0 }), /dimension/],
    ['dimension not whole', (m) => ({ ...m, dimension: 2.5 }), /dimension/],
    ['idf too short', (m) => ({ ...m, idf: m.idf.slice(1) }), /idf values/],
    ['idf a plain array', (m) => ({ ...m, idf: [...m.idf] }), /not a Float32Array/],
    ['a NaN in the projection', (m) => ({ ...m, projection: m.projection.map((x, i) => (i === 4 ? NaN : x)) }), /not a finite number/],
    ['projection of the wrong length', (m) => ({ ...m, projection: m.projection.slice(3) }), /projection has/],
    ['an infinite idf', (m) => ({ ...m, idf: m.idf.map((x, i) => (i === 0 ? Infinity : x)) }), /finite/],
    ['singular values of the wrong length', (m) => ({ ...m, singularValues: m.singularValues.slice(1) }), /singular values/],
    ['no chunk count', (m) => ({ ...m, chunkCount: undefined }), /chunk count/],
  ])('reports %s', async (_, spoil, message) => {
    expect(lsaModelProblem(spoil(await good()))).toMatch(message);
  });
});
