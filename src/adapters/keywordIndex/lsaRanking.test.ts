// LSA finds a chunk through a synonym that keyword search (BM25, the app's engine) cannot: in English
// (car / automobile) and in Chinese (汽车 / 轿车). Both halves are checked, so the test fails if LSA stops
// bridging the synonym, and also if BM25 would have found the chunk anyway (then the case proves nothing).
import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25Index';
import { embedLsa, fitLsa } from '@openbook/core/lsa/lsaModel';
import { CHINESE_SYNONYM_CASE, ENGLISH_SYNONYM_CASE, type SynonymCase } from '@openbook/core/lsa/synonymCorpora';

/** Chunk indexes by cosine similarity to the question, best first. */
async function lsaRanking(c: SynonymCase, dimension: number): Promise<number[]> {
  const model = await fitLsa(c.chunks, { dimension });
  expect(model.dimension).toBe(dimension);
  const vectors = embedLsa(model, c.chunks);
  const [q] = embedLsa(model, [c.question]);
  const score = vectors.map((v) => v.reduce((s, x, j) => s + x * q![j]!, 0));
  return score.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
}

function bm25Ranking(c: SynonymCase): number[] {
  const index = new Bm25Index();
  index.build(c.chunks.map((text, i) => ({ id: String(i), text })));
  return index.search(c.question, c.chunks.length).hits.map((h) => Number(h.id));
}

describe.each([
  ['English', ENGLISH_SYNONYM_CASE],
  ['Chinese', CHINESE_SYNONYM_CASE],
])('LSA and a synonym (%s)', (_, c) => {
  it('BM25 does not rank the target first', () => {
    const ranking = bm25Ranking(c);
    expect(ranking.length).toBeGreaterThan(0);
    expect(ranking[0]).not.toBe(c.target);
  });

  it('LSA (4 dimensions: the corpus has four topics) ranks the target first', async () => {
    const ranking = await lsaRanking(c, 4);
    expect(ranking[0]).toBe(c.target);
  });
});
