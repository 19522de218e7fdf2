// Which embedder the semantic chunker measures sentence windows with (issue 14): the loaded neural embedding
// model when there is one, else the built-in LSA embedder fitted to the document. Chunks made with one are
// not those of the other, so the embedder is part of the semantic chunks' key. Pure.
import type { EmbedTexts } from './semantic';

/** A neural embedding model as loaded in the embedder worker; null stands for the built-in LSA embedder. */
export interface SemanticEmbedderRef {
  modelId: string;
  device: string;
}

/** The embedder's part of a chunk key: 'lsa' for the built-in one. */
export const semanticEmbedderKey = (ref: SemanticEmbedderRef | null): string => (ref ? `${ref.modelId}/${ref.device}` : 'lsa');

/** The window vectors computed elsewhere (by the embedder worker), as the semantic analysis' embed function. */
export function givenWindowVectors(vectors: readonly Float32Array[]): EmbedTexts {
  return (texts) => {
    if (texts.length !== vectors.length) throw new Error(`${vectors.length} window vectors were given for ${texts.length} sentence windows.`);
    return [...vectors];
  };
}
