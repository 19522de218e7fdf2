// An evaluation configuration with its own chunks goes through the same pipeline as the question box, over
// its own indexes: vector, keyword and hybrid search each give their stages' scores, and only its chunks.
// The workers are replaced by the same engines in-process (ExactIndex, Bm25Index).
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../adapters/keywordIndex/bm25Index';
import { ExactIndex } from '../../adapters/vectorIndex/exactIndex';
import { DEFAULT_RETRIEVAL_CONFIG, type SearchMode } from '@openbook/core/retrievalConfig';
import type { Chunk } from '@openbook/core/types';
import { bagOfWordsVector } from '../../testing/bagOfWords';
import { evaluationRetrievalSource, type EvaluationIndexes } from './evaluationRetrievalSource';
import { runRetrieval } from '../retrieval/retrievalPipeline';

const TEXTS = [
  'Lava erupts from the volcano at 1200 degrees.',
  'Magma rises through cracks in the crust.',
  'Green tea is steeped at 80 degrees.',
  'Black tea leaves are fully oxidised.',
  '熔岩的温度大约是一千二百摄氏度。',
];
const chunks = new Map<string, Chunk>(TEXTS.map((text, i) => [`own#${i}`, { id: `own#${i}`, docId: 'own', index: i, start: 0, end: text.length, text }]));

const embed = (text: string) => bagOfWordsVector(text, 512);

function indexes(withVectors: boolean, withKeywords: boolean, questions: string[]): EvaluationIndexes {
  const exact = new ExactIndex();
  exact.putMany([...chunks.values()].map((c) => ({ id: c.id, vector: embed(c.text) })));
  const bm25 = new Bm25Index();
  bm25.build([...chunks.values()].map((c) => ({ id: c.id, text: c.text })));
  const vectors = {
    build: async () => exact.size,
    search: (q: Float32Array, k: number, options?: { allowedIds?: string[] }) => exact.search(q, k, options),
    getVectors: async (ids: string[]) => ids.map((id) => exact.vectorOf(id)?.slice() ?? null),
    clear: async () => undefined,
  };
  const keywords = { search: async (q: string, k: number, options?: { allowedIds?: string[] }) => bm25.search(q, k, options) };
  return {
    chunks,
    questionVectors: withVectors ? new Map(questions.map((q) => [q, embed(q)])) : null,
    vectors: withVectors ? (vectors as unknown as EvaluationIndexes['vectors']) : null,
    keywords: withKeywords ? (keywords as unknown as EvaluationIndexes['keywords']) : null,
  };
}

const config = (mode: SearchMode) => ({ ...DEFAULT_RETRIEVAL_CONFIG, mode, topK: 3, candidates: 5 });

describe('an evaluation’s own indexes through the retrieval pipeline', () => {
  const question = 'How hot is lava from a volcano?';

  it('give each mode its stages’ scores, over the configuration’s chunks only', async () => {
    const cases: Array<[SearchMode, boolean, boolean, (s: Record<string, number | undefined>) => void]> = [
      ['vector', true, false, (s) => expect(s.cosine).toBeTypeOf('number')],
      ['keyword', false, true, (s) => (expect(s.bm25).toBeGreaterThan(0), expect(s.cosine).toBeUndefined())],
      ['hybrid', true, true, (s) => expect(s.fused).toBeGreaterThan(0)],
    ];
    for (const [mode, withVectors, withKeywords, check] of cases) {
      const outcome = await runRetrieval(question, config(mode), evaluationRetrievalSource(indexes(withVectors, withKeywords, [question])));
      expect(outcome.results.length, mode).toBeGreaterThan(0);
      expect(outcome.results[0]!.chunk.id, mode).toBe('own#0');
      for (const r of outcome.results) {
        expect(chunks.get(r.chunk.id)).toBe(r.chunk);
        check(r.scores as Record<string, number | undefined>);
      }
      expect(outcome.keywordMs === null, mode).toBe(mode === 'vector');
    }
  });

  it('finds Chinese by its words in keyword mode', async () => {
    const outcome = await runRetrieval('熔岩的温度', config('keyword'), evaluationRetrievalSource(indexes(false, true, [])));
    expect(outcome.results[0]!.chunk.id).toBe('own#4');
  });

  it('says what is missing rather than searching something else', async () => {
    await expect(runRetrieval(question, config('hybrid'), evaluationRetrievalSource(indexes(true, false, [question])))).rejects.toThrow('no keyword index');
    await expect(runRetrieval('another question', config('vector'), evaluationRetrievalSource(indexes(true, false, [question])))).rejects.toThrow(
      'not embedded',
    );
  });
});
