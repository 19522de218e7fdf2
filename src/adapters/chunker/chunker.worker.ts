// The chunking worker: runs the pure core's chunkers off the main thread, so that a large document never
// freezes the page while it is split, and counts tokens with the embedding model's own tokenizer (loaded
// here, only when a token count is needed), and runs the semantic chunker with the built-in LSA embedder.
import { chunkDocument, type ChunkableDocument } from '@openbook/core/chunkers';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import { packChunks, packedBuffers, type PackedChunks } from '@openbook/core/chunkPacking';
import { exposeWorker, transfer } from '../workerRpc';
import { analyzeSemantic, semanticSentences, sentenceWindows, type SemanticAnalysis, type SemanticChunkerSettings } from '@openbook/core/chunkers/semantic';
import { givenWindowVectors } from '@openbook/core/chunkers/semanticEmbedder';
import { lsaEmbedTexts } from '@openbook/core/lsa/lsaEmbedTexts';
import type { TokenizerRef } from './tokenizer';

const tokenizerModule = () => import('./tokenizer');

/** A count runs only while it is the newest on its channel: an older one stops at its next pause. */
const generations = new Map<string, number>();

/** Thrown when a newer count request replaced this one. */
const SUPERSEDED = 'superseded';

const api = {
  /**
   * The document's chunks, packed (the page takes their text from the document it holds). The semantic
   * chunker uses `windowVectors` when given (its sentence windows embedded by the loaded neural model, in
   * the embedder worker: see semanticWindows), else the built-in LSA embedder.
   */
  async chunk(doc: ChunkableDocument, settings: ChunkerSettings, tokenizer: TokenizerRef | null, windowVectors?: Float32Array[] | null): Promise<PackedChunks> {
    let count: ((text: string) => number) | undefined;
    if (settings.kind === 'token') {
      if (!tokenizer) throw new Error('The token chunker needs an embedding model: choose one in step 3.');
      const { loadTokenizer } = await tokenizerModule();
      count = (await loadTokenizer(tokenizer)).count;
    }
    // The semantic chunker: the document's sentence windows embedded by the built-in LSA embedder, here.
    const semantic =
      settings.kind === 'semantic' ? await analyzeSemantic(doc.text, settings, windowVectors ? givenWindowVectors(windowVectors) : lsaEmbedTexts) : undefined;
    const packed = packChunks(chunkDocument(doc, settings, count, semantic));
    return transfer(packed, packedBuffers(packed));
  },

  /** What the semantic chunker sees in a document: its sentences, the distances between them, the breakpoints (windowVectors: as in chunk). */
  semanticAnalysis(text: string, settings: SemanticChunkerSettings, windowVectors?: Float32Array[] | null): Promise<SemanticAnalysis> {
    return analyzeSemantic(text, settings, windowVectors ? givenWindowVectors(windowVectors) : lsaEmbedTexts);
  },

  /** The semantic chunker's sentence windows of a text (none with fewer than two sentences): what a neural embedder embeds for it. */
  semanticWindows(text: string, settings: SemanticChunkerSettings): string[] {
    const sentences = semanticSentences(text);
    return sentences.length < 2 ? [] : sentenceWindows(text, sentences, settings.buffer);
  },

  /**
   * Tokens the embedding model sees for each chunk (start/end pairs into `text`; prefix and special tokens included), in batches that
   * let a newer request on the same channel in; `onProgress` hears how many are done. A replaced request
   * rejects with 'superseded'.
   */
  async countPassageTokens(
    channel: string,
    text: string,
    spans: Int32Array,
    tokenizer: TokenizerRef,
    onProgress?: (done: number) => void,
  ): Promise<Int32Array> {
    const generation = (generations.get(channel) ?? 0) + 1;
    generations.set(channel, generation);
    const { loadTokenizer } = await tokenizerModule();
    const loaded = await loadTokenizer(tokenizer);
    const n = spans.length / 2;
    const counts = new Int32Array(n);
    let sinceYield = 0;
    for (let i = 0; i < n; i++) {
      const start = spans[i * 2]!;
      const end = spans[i * 2 + 1]!;
      counts[i] = loaded.countPassage(text.slice(start, end));
      sinceYield += end - start;
      if (sinceYield > 50_000) {
        sinceYield = 0;
        onProgress?.(i + 1);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (generation !== generations.get(channel)) throw new Error(SUPERSEDED);
      }
    }
    return transfer(counts, [counts.buffer]);
  },
};

export type ChunkerWorkerApi = typeof api;

exposeWorker(api);
