// Keeps the semantic chunker's embedder in step with the embedder worker: the loaded neural embedding model
// when there is one (its window vectors come from that worker), else the built-in LSA embedder.
// (Its own module, so that the chunking store does not import the index store, which imports it.)
import type { EmbedderLoadResult } from '../../adapters/embedder/embedder';
import { isBuiltinLsa } from '../../adapters/embedder/embeddingModels';
import type { SemanticEmbedderRef } from '@openbook/core/chunkers/semanticEmbedder';
import { useIndexStore } from '../embedding/indexStore';
import { setSemanticEmbedder } from './chunkingStore';

/** The semantic chunker's embedder for what the embedder worker holds: a neural model, or null (built-in). */
export function semanticEmbedderOf(loaded: EmbedderLoadResult | null): SemanticEmbedderRef | null {
  return loaded && !isBuiltinLsa(loaded.modelId) && loaded.device !== 'cpu' ? { modelId: loaded.modelId, device: loaded.device } : null;
}

/** Follow the embedder worker's model from now on (started once by src/app/start.ts). */
export function startSemanticEmbedderSync(): () => void {
  const sync = () => setSemanticEmbedder(semanticEmbedderOf(useIndexStore.getState().loaded));
  const stop = useIndexStore.subscribe((s, prev) => {
    if (s.loaded !== prev.loaded) sync();
  });
  sync();
  return stop;
}
