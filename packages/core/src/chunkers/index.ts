// The chunker registry: one function that chunks a document under any chunker's settings and sets each
// chunk's metadata from the document's structure. The token chunker needs the model's tokenizer.
import { withChunkMeta } from '../chunkMeta';
import type { Chunk, SourceDocument } from '../types';
import { chunkFixed } from './fixed';
import { chunkByHeadings } from './heading';
import { chunkRecursive } from './recursive';
import { chunkSentences } from './sentence';
import { validateChunkerSettings, type ChunkerSettings } from './settings';
import { chunkTokens, type TokenCounter } from './token';
import { chunkSemantic, type SemanticAnalysis } from './semantic';

export type ChunkableDocument = Pick<SourceDocument, 'id' | 'name' | 'kind' | 'text' | 'structure'>;

/**
 * The document's chunks under these settings. The token chunker needs `countTokens`; the semantic chunker
 * its analysis (made beforehand, asynchronously, with an embedder: analyzeSemantic in semantic.ts).
 */
export function chunkDocument(doc: ChunkableDocument, settings: ChunkerSettings, countTokens?: TokenCounter, semantic?: SemanticAnalysis): Chunk[] {
  const error = validateChunkerSettings(settings);
  if (error) throw new RangeError(`Invalid chunker settings: ${error}`);
  let chunks: Chunk[];
  switch (settings.kind) {
    case 'fixed':
      chunks = chunkFixed(doc.id, doc.text, settings);
      break;
    case 'recursive':
      chunks = chunkRecursive(doc.id, doc.text, settings);
      break;
    case 'sentence':
      chunks = chunkSentences(doc.id, doc.text, settings);
      break;
    case 'heading':
      chunks = chunkByHeadings(doc, settings);
      break;
    case 'token':
      if (!countTokens) throw new Error('The token chunker needs the embedding model’s tokenizer.');
      chunks = chunkTokens(doc.id, doc.text, settings, countTokens);
      break;
    case 'semantic':
      if (!semantic) throw new Error('The semantic chunker needs the sentences’ embeddings.');
      chunks = chunkSemantic(doc.id, doc.text, settings, semantic);
      break;
  }
  return withChunkMeta(chunks, doc);
}

export type { ChunkerSettings, ChunkerKind } from './settings';
export type { TokenCounter } from './token';
