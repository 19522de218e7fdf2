// Where an evaluation configuration with its own embedding model or chunks searches: its chunks, their
// vectors in the evaluation index worker (an exact scan), and for keyword and hybrid search a keyword index
// worker of its own; the questions were embedded beforehand, all together. The app's index is untouched.
import type { EvaluationIndexClient } from '../../adapters/evaluationIndex/evaluationIndexClient';
import type { KeywordIndexClient } from '../../adapters/keywordIndex/keywordIndexClient';
import type { Chunk } from '@openbook/core/types';
import { vectorsById, type RetrievalSource } from '../retrieval/retrievalSource';

export interface EvaluationIndexes {
  chunks: ReadonlyMap<string, Chunk>;
  /** Each question's vector (by its text), or null when the configuration searches by keywords only. */
  questionVectors: ReadonlyMap<string, Float32Array> | null;
  /** The chunks' vectors, or null when not searched by vector. */
  vectors: EvaluationIndexClient['api'] | null;
  /** The chunks' keyword index, or null when not searched by keyword. */
  keywords: KeywordIndexClient['api'] | null;
}

export function evaluationRetrievalSource({ chunks, questionVectors, vectors, keywords }: EvaluationIndexes): RetrievalSource {
  const need = <T>(part: T | null, what: string): T => {
    if (part === null) throw new Error(`this evaluation configuration has no ${what}`);
    return part;
  };
  return {
    chunks,
    async embedQuestion(question) {
      const vector = need(questionVectors, 'question vectors').get(question);
      if (!vector) throw new Error('the question was not embedded');
      return vector;
    },
    searchVectors: (vector, n, allowedIds) => need(vectors, 'vector index').search(vector, n, allowedIds ? { allowedIds } : undefined),
    searchKeywords: (question, n, allowedIds) => need(keywords, 'keyword index').search(question, n, allowedIds ? { allowedIds } : undefined),
    async vectorsOf(ids) {
      if (ids.length === 0 || vectors === null) return new Map();
      return vectorsById(ids, await vectors.getVectors(ids));
    },
  };
}
