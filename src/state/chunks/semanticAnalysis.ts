// The semantic chunker's view of a document (its sentences, the distances between neighbouring windows, the
// breakpoints), measured in the chunker worker for the chunk view. The chunks themselves come through the
// chunking store as every chunker's do; this is the same analysis, asked for again to be shown, with the
// same embedder (the loaded neural model's window vectors, or the built-in LSA embedder), which it names.
import { useEffect, useState } from 'react';
import type { SemanticAnalysis, SemanticChunkerSettings } from '@openbook/core/chunkers/semantic';
import { settingsKey } from '@openbook/core/chunkers/settings';
import { semanticEmbedderKey, type SemanticEmbedderRef } from '@openbook/core/chunkers/semanticEmbedder';
import { getChunker } from '../runtime/workers';
import { useChunkingStore } from './chunkingStore';
import { semanticWindowVectors } from './semanticEmbedding';

export type SemanticAnalysisState =
  | { status: 'loading' }
  | { status: 'ready'; analysis: SemanticAnalysis; embedder: SemanticEmbedderRef | null }
  | { status: 'failed'; detail: string };

/** The analysis of this text under these settings, by the chunking store's semantic embedder (measured again when any changes). */
export function useSemanticAnalysis(text: string, settings: SemanticChunkerSettings): SemanticAnalysisState {
  const [state, setState] = useState<{ key: string; value: SemanticAnalysisState } | null>(null);
  const embedder = useChunkingStore((s) => s.semanticEmbedder);
  const key = `${settingsKey(settings)}\u0000${semanticEmbedderKey(embedder)}\u0000${text.length}\u0000${text.slice(0, 64)}`;
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const vectors = await semanticWindowVectors(text, settings, embedder);
        const { api } = await getChunker();
        const analysis = await api.semanticAnalysis(text, settings, vectors);
        if (live) setState({ key, value: { status: 'ready', analysis, embedder } });
      } catch (err) {
        if (live) setState({ key, value: { status: 'failed', detail: err instanceof Error ? err.message : String(err) } });
      }
    })();
    return () => {
      live = false;
    };
  }, [key, text, settings, embedder]);
  return state?.key === key ? state.value : { status: 'loading' };
}
