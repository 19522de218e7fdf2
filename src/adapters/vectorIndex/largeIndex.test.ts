// A workspace of 100k chunks of 384 dimensions, as the app's index worker holds it once Voy is chosen:
// VoyIndex with the device limit (voyLimit.ts), so the exact scan answers and the status says why. Checks the results
// against a float64 scan, filters at that size, and removal of a whole document's worth of chunks.
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '@openbook/core/similarity';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { loadVoyNode } from './loadVoyNode';
import type { IndexItem, SearchHit } from './vectorIndex';
import { VoyIndex } from './voyIndex';
import { voyLimitFor } from './voyLimit';

const N = 100_000;
const DIM = 384;

function reference(items: IndexItem[], query: Float32Array, k: number, keep?: (i: number) => boolean): SearchHit[] {
  const hits: SearchHit[] = [];
  items.forEach((it, i) => {
    if (!keep || keep(i)) hits.push({ id: it.id, score: cosineSimilarity(it.vector, query) });
  });
  return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
}

describe('100k chunks x 384 dims in the index worker setting', () => {
  it('builds, answers exactly (Voy over its limit), filters, and removes', { timeout: 120_000 }, async () => {
    const rand = mulberry32(100);
    // One buffer for all vectors, as the vector cache and storage hand them over (views, no copies).
    const buffer = new Float32Array(N * DIM);
    const items: IndexItem[] = new Array(N);
    for (let i = 0; i < N; i++) {
      const v = buffer.subarray(i * DIM, (i + 1) * DIM);
      v.set(randomUnitVector(rand, DIM));
      items[i] = { id: `doc${i % 50}:${i}`, vector: v };
    }
    const limit = voyLimitFor(8);
    expect(limit).toBeLessThan(N);
    const index = new VoyIndex({ loadVoy: () => loadVoyNode(), backgroundBuildFrom: 2000, maxVoyItems: limit, onVoyError: () => undefined });
    const status = await index.build(items);
    expect(status).toEqual({ size: N, dimension: DIM, engine: 'exact', fallbackReason: 'too-large', voyLimit: limit });
    expect(index.counts().voyItems).toBeNull(); // Voy never allocated its ~1 GB

    for (let q = 0; q < 3; q++) {
      const query = randomUnitVector(rand, DIM);
      const result = await index.search(query, 10);
      expect(result).toMatchObject({ engine: 'exact', fallbackReason: 'too-large' });
      const want = reference(items, query, 10);
      expect(result.hits.map((h) => h.id)).toEqual(want.map((h) => h.id));
      result.hits.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 6));
    }

    // A filter to 2 of the 50 documents (4,000 chunks).
    const allowed = items.filter((_, i) => i % 50 === 7 || i % 50 === 8).map((it) => it.id);
    const query = randomUnitVector(rand, DIM);
    const filtered = await index.search(query, 10, { allowedIds: allowed });
    expect(filtered.hits.map((h) => h.id)).toEqual(reference(items, query, 10, (i) => i % 50 === 7 || i % 50 === 8).map((h) => h.id));

    // Removing one document's 2,000 chunks.
    const gone = items.filter((_, i) => i % 50 === 0).map((it) => it.id);
    expect(await index.remove(gone)).toMatchObject({ size: N - 2000, engine: 'exact' });
    const after = await index.search(query, 10);
    expect(after.hits.map((h) => h.id)).toEqual(reference(items, query, 10, (i) => i % 50 !== 0).map((h) => h.id));
  });
});
