// Where the question box's retrievals search: the app's index (before any embedding, the chunks as they
// are, for keyword search alone: see searchableChunks.ts). The question is embedded with the model
// that built the index (a second worker while a new run embeds: see indexStore.questionEmbedder), vectors
// are searched by the vector index worker with the engine the user chose (Voy or the exact scan), keywords
// by the keyword index worker, brought in step with the index first (keywordIndexSync.ts).
import { vectorsById, type RetrievalSource } from './retrievalSource';
import { questionEmbedder } from '../embedding/indexStore';
import { adaptQuestionVector } from '../evaluation/adapterStore';
import { searchableChunks } from './searchableChunks';
import { useIndexEngineStore } from '../embedding/indexEngineStore';
import { syncKeywordIndex } from './keywordIndexSync';
import { getKeywordIndex, getVectorIndex } from '../runtime/workers';

/** The app's index as it is now (a later change to the index does not alter this source's chunks). */
export function indexRetrievalSource(): RetrievalSource {
  const chunks = searchableChunks();
  return {
    chunks,
    async embedQuestion(question) {
      const embedder = await questionEmbedder();
      const [vector] = await embedder.embed([question], 'query');
      if (!vector) throw new Error('no query vector');
      return adaptQuestionVector(vector);
    },
    async searchVectors(vector, n, allowedIds) {
      const { api } = await getVectorIndex();
      return api.search(vector, n, { engine: useIndexEngineStore.getState().engine, ...(allowedIds ? { allowedIds } : {}) });
    },
    async searchKeywords(question, n, allowedIds, options) {
      await syncKeywordIndex(chunks, options);
      const { api } = await getKeywordIndex();
      return api.search(question, n, allowedIds ? { allowedIds } : undefined);
    },
    async vectorsOf(ids) {
      if (ids.length === 0) return new Map();
      const { api } = await getVectorIndex();
      return vectorsById(ids, await api.getVectors(ids));
    },
  };
}
