// The built-in embedder: classic latent semantic analysis (core/lsa), fitted to the workspace's own chunks
// and run in the embedding worker beside transformers.js. It needs no download: fit() learns the projection
// from the chunks, use() takes one fitted earlier (saved with the workspace), embed() projects texts.
import { embedLsa, fitLsa, LsaCancelledError, type LsaModel, type LsaProgress } from '@openbook/core/lsa/lsaModel';
import { EmbeddingCancelledError, type EmbedderLoadResult } from './embedder';
import { BUILTIN_LSA_MODEL_ID } from './embeddingModels';

/** Texts embedded per progress report (a batch of LSA takes about a millisecond). */
const BATCH = 256;

export class LsaEmbedder {
  private model: LsaModel | null = null;
  private fitting: AbortController | null = null;
  private cancelled = false;

  /** Fit the projection to these texts (the chunks to index), and use it from now on. */
  async fit(texts: string[], onProgress?: (p: LsaProgress) => void): Promise<LsaModel> {
    this.model = null;
    const controller = new AbortController();
    this.fitting = controller;
    try {
      this.model = await fitLsa(texts, { signal: controller.signal, ...(onProgress ? { onProgress } : {}) });
      return this.model;
    } catch (err) {
      if (err instanceof LsaCancelledError || controller.signal.aborted) throw new EmbeddingCancelledError();
      throw err;
    } finally {
      if (this.fitting === controller) this.fitting = null;
    }
  }

  /** Use a projection fitted earlier (restored with the workspace). */
  use(model: LsaModel): EmbedderLoadResult {
    this.model = model;
    return { modelId: BUILTIN_LSA_MODEL_ID, device: 'cpu', from: 'builtin', dimension: model.dimension };
  }

  get ready(): boolean {
    return this.model !== null;
  }

  async embed(texts: string[], onBatch?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const model = this.model;
    if (!model) throw new Error('The built-in embedder has not been fitted to the documents yet.');
    this.cancelled = false;
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      if (this.cancelled) throw new EmbeddingCancelledError();
      out.push(...embedLsa(model, texts.slice(start, start + BATCH)));
      onBatch?.(out.length, texts.length);
      // Let a cancel message in between batches.
      if (start + BATCH < texts.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return out;
  }

  cancel(): void {
    this.cancelled = true;
    this.fitting?.abort();
  }

  dispose(): void {
    this.model = null;
  }
}
