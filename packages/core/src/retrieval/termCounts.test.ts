import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTerms, termCountsProblem, tokensOf } from './termCounts';
import { tokenize } from './tokenize';
import { analyze } from './keywordAnalysis';

const pieces = [
  "don't",
  'U.S.A',
  '1,200',
  'RAG',
  'rag',
  '熔岩的温度',
  '東京都に住んでいます',
  'ภาษาไทย',
  '𠀀𠀁',
  '😀',
  ' ',
  '\n',
  '，',
  'café',
  'Ｔｅａ',
  'tea',
  "'s",
];
const textsArb = fc.array(
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.array(fc.constantFrom(...pieces), { maxLength: 15 }).map((p) => p.join(' ')),
  ),
  { maxLength: 8 },
);
const sorted = (a: string[]) => [...a].sort();

describe('countTerms', () => {
  it('counts each text’s distinct terms over one dictionary', () => {
    const counts = countTerms(['Tea, tea and RAG', '', 'rag 熔岩的温度']);
    expect(counts.terms).toEqual(['tea', 'and', 'rag', '熔岩', '的', '温度', '岩的', '的温']);
    expect([...counts.start]).toEqual([0, 3, 3, 9]);
    expect([...counts.termIds]).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7]);
    expect([...counts.tf]).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('holds exactly the tokens of tokenize(), for any texts, and is well-formed', () => {
    fc.assert(
      fc.property(textsArb, (texts) => {
        const counts = countTerms(texts);
        expect(termCountsProblem(counts, texts.length)).toBeNull();
        expect(new Set(counts.terms).size).toBe(counts.terms.length);
        texts.forEach((text, i) => expect(sorted(tokensOf(counts, i))).toEqual(sorted(tokenize(text))));
      }),
      { numRuns: 1000 },
    );
  });

  it('survives a copy between threads (structured clone)', () => {
    const counts = countTerms(['lava 熔岩', 'lava lava']);
    const copy = structuredClone(counts);
    expect(termCountsProblem(copy, 2)).toBeNull();
    expect(tokensOf(copy, 1)).toEqual(['lava', 'lava']);
  });
});

describe('countTerms under an analysis', () => {
  // Each distinct token is analysed once per batch: the counts must be those of analysing every occurrence.
  const analyses = [
    { stopWords: true, stemming: true },
    { stopWords: true, stemming: false },
    { stopWords: false, stemming: true },
  ];
  const analysedPieces = [...pieces, 'chunks', 'chunking', 'chunked', 'the', 'and', 'is', '的', '我们', 'running', 'runs'];
  it('holds exactly analyze() of each text, for any texts, and is well-formed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...analysedPieces), { maxLength: 15 }).map((p) => p.join(' ')),
          { maxLength: 8 },
        ),
        fc.constantFrom(...analyses),
        (texts, analysis) => {
          const counts = countTerms(texts, analysis);
          expect(termCountsProblem(counts, texts.length)).toBeNull();
          expect(new Set(counts.terms).size).toBe(counts.terms.length);
          texts.forEach((text, i) => expect(sorted(tokensOf(counts, i))).toEqual(sorted(analyze(text, analysis))));
          // Terms in first-seen order, as analysing the texts' tokens one by one meets them.
          expect(counts.terms).toEqual([...new Set(texts.flatMap((text) => analyze(text, analysis)))]);
        },
      ),
      { numRuns: 500, seed: 6 },
    );
  });

  it('merges the tokens that share a stem and drops stop words', () => {
    const counts = countTerms(['The chunks and chunking', 'chunked 的 温度'], { stopWords: true, stemming: true });
    expect(counts.terms).toEqual(['chunk', '温度']);
    expect([...counts.tf]).toEqual([2, 1, 1]);
  });
});

describe('termCountsProblem', () => {
  const good = () => countTerms(['tea and lava', 'lava']);
  it('names what is wrong with malformed counts', () => {
    expect(termCountsProblem(good(), 3)).toBe('counts for 2 texts, not 3');
    expect(termCountsProblem({ ...good(), terms: ['tea'] }, 2)).toBe('a term or count out of range');
    expect(termCountsProblem({ ...good(), tf: new Int32Array(4) }, 2)).toBe('a term or count out of range');
    expect(termCountsProblem({ ...good(), tf: new Int32Array(2) }, 2)).toBe('ranges do not match');
    expect(termCountsProblem({ ...good(), start: Int32Array.of(0, 3, 2) }, 2)).toBe('ranges do not match');
    expect(termCountsProblem({ ...good(), start: Int32Array.of(0, 4, 3) }, 2)).toBe('ranges do not match');
    expect(termCountsProblem({ ...good(), start: [0, 3, 4] as unknown as Int32Array<ArrayBuffer> }, 2)).toBe('not term counts');
    expect(termCountsProblem({ ...good(), terms: [1, 2, 3] as unknown as string[] }, 2)).toBe('a term is not a string');
  });
});
