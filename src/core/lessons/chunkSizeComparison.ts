// The evaluation configurations of the chunk-size lesson: keyword search (no model needed, so it runs
// offline on any documents) over the same questions with chunks of three sizes with 10 % overlap, and the
// middle size without overlap. Pure.
import { defaultConfiguration, type EvalConfiguration } from '../evaluation/configuration';
import { COMPARED_CHUNK_SIZES } from './lessonCatalog';

export function chunkSizeComparison(newId: () => string): EvalConfiguration[] {
  const keyword = (chunkSize: number, overlap: number): EvalConfiguration => ({
    ...defaultConfiguration(newId()),
    mode: 'keyword',
    chunking: { kind: 'recursive', chunkSize, overlap },
  });
  return [...COMPARED_CHUNK_SIZES.map((size) => keyword(size, size / 10)), keyword(COMPARED_CHUNK_SIZES[1], 0)];
}
