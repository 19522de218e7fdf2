// The semantic chunker with the loaded neural embedder (issue 14): the chunker worker gives a document's
// sentence windows, the embedder worker (which holds the model) embeds them, and the chunker worker cuts
// with those vectors. With no neural model loaded (ref null), the chunker worker's built-in LSA embedder.
import type { SemanticChunkerSettings } from '@openbook/core/chunkers/semantic';
import type { SemanticEmbedderRef } from '@openbook/core/chunkers/semanticEmbedder';
import { getChunker, getEmbedder } from '../runtime/workers';

/** The window vectors of a text by the given neural embedder, or null for the built-in one. */
export async function semanticWindowVectors(text: string, settings: SemanticChunkerSettings, ref: SemanticEmbedderRef | null): Promise<Float32Array[] | null> {
  if (!ref) return null;
  const { api: chunker } = await getChunker();
  const windows = await chunker.semanticWindows(text, settings);
  if (windows.length === 0) return [];
  const { api: embedder } = await getEmbedder();
  return embedder.embed(windows, 'passage');
}
