// TF-IDF weighting and vocabulary choice, checked against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { chooseVocabulary, countCorpus, SINGLETON_CUTOFF, smoothIdf, tfidfMatrix, tfidfVector } from './tfidf';

describe('tf-idf', () => {
  // N = 3 texts. df: apple 1, banana 2, cherry 2.
  //   idf(apple)  = ln(4/2) + 1 = 1.693147...     idf(banana) = idf(cherry) = ln(4/3) + 1 = 1.287682...
  // Text 0, "apple apple banana": apple tf 2 → (1 + ln 2) · 1.693147 = 2.866747; banana tf 1 → 1.287682;
  //   norm = √(2.866747² + 1.287682²) = 3.142670 → weights 0.912202, 0.409742.
  // Text 1, "banana cherry": equal weights → 1/√2 each.  Text 2, "Cherry!": cherry alone → 1.
  const texts = ['apple apple banana', 'banana cherry', 'Cherry!'];

  it('weights sublinear tf by smoothed idf and normalises each text', () => {
    const counts = countCorpus(texts);
    const vocabulary = chooseVocabulary(counts);
    // df descending, then term: banana, cherry (df 2), apple (df 1).
    expect(vocabulary.terms).toEqual(['banana', 'cherry', 'apple']);
    expect(vocabulary.idf[0]).toBeCloseTo(1.287682, 5);
    expect(vocabulary.idf[2]).toBeCloseTo(1.693147, 5);
    const m = tfidfMatrix(counts, vocabulary);
    const row = (r: number) => {
      const out = new Map<string, number>();
      for (let e = m.rowStart[r]!; e < m.rowStart[r + 1]!; e++) out.set(vocabulary.terms[m.col[e]!]!, m.value[e]!);
      return out;
    };
    expect(row(0).get('apple')).toBeCloseTo(0.912202, 5);
    expect(row(0).get('banana')).toBeCloseTo(0.409742, 5);
    expect(row(0).size).toBe(2);
    expect(row(1).get('banana')).toBeCloseTo(Math.SQRT1_2, 6);
    expect(row(1).get('cherry')).toBeCloseTo(Math.SQRT1_2, 6);
    expect(row(2).get('cherry')).toBeCloseTo(1, 6);
  });

  it('weights a new text the same way as a fitted one, ignoring unknown words', () => {
    const vocabulary = chooseVocabulary(countCorpus(texts));
    const index = new Map(vocabulary.terms.map((t, i) => [t, i]));
    const { ids, weights } = tfidfVector(index, vocabulary.idf, 'Apple, apple and banana (and durian).');
    expect([...ids].map((i) => vocabulary.terms[i])).toEqual(['apple', 'banana']);
    expect(weights[0]).toBeCloseTo(0.912202, 5);
    expect(weights[1]).toBeCloseTo(0.409742, 5);
    expect(tfidfVector(index, vocabulary.idf, 'nothing known here').ids.length).toBe(0);
  });

  it('idf is smoothed: a term in every text still weighs 1', () => {
    expect(smoothIdf(10, 10)).toBe(1);
    expect(smoothIdf(1, 3)).toBeCloseTo(1 + Math.log(2), 6);
  });

  it('caps the vocabulary by df, and drops one-chunk terms in a large corpus only', () => {
    expect(chooseVocabulary(countCorpus(texts), 2).terms).toEqual(['banana', 'cherry']);
    const many = Array.from({ length: SINGLETON_CUTOFF }, (_, i) => `common word${i}`);
    const vocabulary = chooseVocabulary(countCorpus(many));
    expect(vocabulary.terms).toEqual(['common']);
    expect(chooseVocabulary(countCorpus(many.slice(0, 10))).terms.length).toBe(11);
  });

  it('treats prototype keys as ordinary terms', () => {
    const vocabulary = chooseVocabulary(countCorpus(['__proto__ constructor', 'constructor tostring']));
    expect(vocabulary.terms).toEqual(['constructor', '__proto__', 'tostring']);
  });
});
