// The evaluation configurations of the chunk-size lesson: keyword search (no model needed, so it runs
// offline on any documents), top 2, over the same questions with chunks of three sizes with 10 % overlap,
// and the middle size without overlap. On the sample questions the hit rate@2 is 0.5, 0.9 and 1 at 100,
// 300 and 1,000 characters (src/state/lessons/chunkSizeLesson.test.ts). Pure.
import { defaultConfiguration, type EvalConfiguration } from '../evaluation/configuration';
import { COMPARED_CHUNK_SIZES, COMPARED_TOP_K } from './lessonCatalog';

export function chunkSizeComparison(newId: () => string): EvalConfiguration[] {
  const keyword = (chunkSize: number, overlap: number): EvalConfiguration => ({
    ...defaultConfiguration(newId()),
    mode: 'keyword',
    topK: COMPARED_TOP_K,
    chunking: { kind: 'recursive', chunkSize, overlap },
  });
  return [...COMPARED_CHUNK_SIZES.map((size) => keyword(size, size / 10)), keyword(COMPARED_CHUNK_SIZES[1], 0)];
}
