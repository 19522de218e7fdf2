// Filtered vector search (SearchOptions.allowedIds): k hits from the allowed ids, the same as an exact
// scan of that subset, from both engines.
import { describe, expect, it } from 'vitest';
import { ExactIndex } from './exactIndex';
import { loadVoyNode } from './loadVoyNode';
import { VoyIndex } from './voyIndex';
import { mulberry32, randomItems, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { cosineSimilarity } from '@openbook/core/similarity';

const all = randomItems(300, 16, 7, 'c');
const allowedIds = all.filter((_, i) => i % 5 === 0).map((it) => it.id);
const query = randomUnitVector(mulberry32(99), 16);
const reference = all
  .filter((it) => allowedIds.includes(it.id))
  .map((it) => ({ id: it.id, score: cosineSimilarity(it.vector, query) }))
  .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
  .slice(0, 10)
  .map((h) => h.id);

describe('search limited to allowed ids', () => {
  it('ExactIndex returns the k best allowed hits', async () => {
    const index = new ExactIndex();
    await index.build(all);
    const { hits } = await index.search(query, 10, { allowedIds });
    expect(hits.map((h) => h.id)).toEqual(reference);
  });

  it('VoyIndex returns the k best allowed hits (exactly), and the stored vectors', async () => {
    const index = new VoyIndex({ loadVoy: loadVoyNode });
    await index.build(all);
    const result = await index.search(query, 10, { allowedIds: [...allowedIds, 'unknown'] });
    expect(result.hits.map((h) => h.id)).toEqual(reference);
    expect(result.engine).toBe('exact');
    expect((await index.search(query, 10, { allowedIds: [] })).hits).toEqual([]);
    const [v, missing] = index.vectorsOf([all[0]!.id, 'unknown']);
    expect(missing).toBeNull();
    expect(cosineSimilarity(v!, all[0]!.vector)).toBeCloseTo(1, 6);
  });
});
