// The embedding worker: transformers.js and ONNX Runtime run here, off the main thread, and so does the
// built-in LSA embedder (fitLsa / loadLsa make it the one that embeds; load() makes a transformers.js model
// the one). Started by embedderClient.ts; talks Comlink through exposeWorker (see workerRpc.ts).
// ONNX Runtime's wasm comes from our own origin, never from its default CDN.
import { ortThreads } from '../transformers/ortWasmFromOwnOrigin';
import { exposeWorker } from '../workerRpc';
import type { ComputeDevice, DownloadProgress, EmbedKind, EmbeddingModelInfo, ModelSource } from './embedder';
import { TransformersEmbedder } from './transformersEmbedder';
import { LsaEmbedder } from './lsaEmbedder';
import type { LsaModel, LsaProgress } from '@openbook/core/lsa/lsaModel';

const embedder = new TransformersEmbedder();
const lsa = new LsaEmbedder();
/** Which embedder embeds: the one last loaded, fitted or restored. */
let active: 'transformers' | 'lsa' = 'transformers';

const api = {
  load: async (model: EmbeddingModelInfo, device: ComputeDevice, source: ModelSource, onDownload: (progress: DownloadProgress) => void) => {
    const result = await embedder.load(model, device, source, onDownload);
    active = 'transformers';
    // WASM: how many threads ONNX Runtime runs on (several only where the page is cross-origin isolated).
    return result.device === 'wasm' ? { ...result, threads: ortThreads() } : result;
  },
  /** Fit the built-in LSA embedder to these texts and embed with it from now on; returns the fitted model. */
  fitLsa: async (texts: string[], onProgress?: (p: LsaProgress) => void): Promise<LsaModel> => {
    active = 'lsa';
    return lsa.fit(texts, onProgress);
  },
  /** Embed with an LSA model fitted earlier (saved with the workspace). */
  loadLsa: (model: LsaModel) => {
    active = 'lsa';
    return lsa.use(model);
  },
  embed: (texts: string[], kind: EmbedKind, onBatch?: (done: number, total: number) => void) =>
    active === 'lsa' ? lsa.embed(texts, onBatch) : embedder.embed(texts, kind, onBatch),
  /**
   * Time the loaded model on `texts` ("Automatic" measures each device with it): one untimed pass (a first
   * call compiles shaders, sizes buffers), then `passes` timed ones; returns their milliseconds.
   */
  trial: async (texts: string[], passes: number): Promise<number> => {
    await embedder.embed(texts, 'passage');
    const start = performance.now();
    for (let i = 0; i < passes; i++) await embedder.embed(texts, 'passage');
    return performance.now() - start;
  },
  cancel: () => {
    embedder.cancel();
    lsa.cancel();
  },
  dispose: async () => {
    lsa.dispose();
    await embedder.dispose();
  },
};

/** The embedding worker's API, as the main thread sees it through Comlink (all methods async). */
export type EmbedderWorkerApi = typeof api;

exposeWorker(api);
