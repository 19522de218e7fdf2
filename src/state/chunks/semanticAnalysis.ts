// The semantic chunker's view of a document (its sentences, the distances between neighbouring windows, the
// breakpoints), measured in the chunker worker for the chunk view. The chunks themselves come through the
// chunking store as every chunker's do; this is the same analysis, asked for again to be shown.
import { useEffect, useState } from 'react';
import type { SemanticAnalysis, SemanticChunkerSettings } from '../../core/chunkers/semantic';
import { settingsKey } from '../../core/chunkers/settings';
import { getChunker } from '../runtime/workers';

export type SemanticAnalysisState = { status: 'loading' } | { status: 'ready'; analysis: SemanticAnalysis } | { status: 'failed'; detail: string };

/** The analysis of this text under these settings (measured again when either changes). */
export function useSemanticAnalysis(text: string, settings: SemanticChunkerSettings): SemanticAnalysisState {
  const [state, setState] = useState<{ key: string; value: SemanticAnalysisState } | null>(null);
  const key = `${settingsKey(settings)}\u0000${text.length}\u0000${text.slice(0, 64)}`;
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { api } = await getChunker();
        const analysis = await api.semanticAnalysis(text, settings);
        if (live) setState({ key, value: { status: 'ready', analysis } });
      } catch (err) {
        if (live) setState({ key, value: { status: 'failed', detail: err instanceof Error ? err.message : String(err) } });
      }
    })();
    return () => {
      live = false;
    };
  }, [key, text, settings]);
  return state?.key === key ? state.value : { status: 'loading' };
}
