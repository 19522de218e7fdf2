// The reranker worker: the cross-encoder runs here (transformers.js and ONNX Runtime), off the main
// thread. Started by rerankerClient.ts; talks Comlink through exposeWorker (see workerRpc.ts).
// ONNX Runtime's wasm comes from our own origin, never from its default CDN.
import '../transformers/ortWasmFromOwnOrigin';
import { exposeWorker } from '../workerRpc';
import type { DownloadProgress, ModelSource, ComputeDevice, RerankModelInfo } from './reranker';
import { TransformersReranker } from './transformersReranker';

const reranker = new TransformersReranker();

const api = {
  load: (model: RerankModelInfo, device: ComputeDevice, source: ModelSource, onDownload: (progress: DownloadProgress) => void) =>
    reranker.load(model, device, source, onDownload),
  score: (question: string, passages: string[], onBatch?: (done: number, total: number) => void) => reranker.score(question, passages, onBatch),
  /**
   * Time the loaded model on (first text, each text) pairs ("Automatic" measures each device with it): one
   * untimed pass, then `passes` timed ones; returns their milliseconds.
   */
  trial: async (texts: string[], passes: number): Promise<number> => {
    await reranker.score(texts[0] ?? '', texts);
    const start = performance.now();
    for (let i = 0; i < passes; i++) await reranker.score(texts[0] ?? '', texts);
    return performance.now() - start;
  },
  cancel: () => reranker.cancel(),
  dispose: () => reranker.dispose(),
};

/** The reranker worker's API, as the main thread sees it through Comlink (all methods async). */
export type RerankerWorkerApi = typeof api;

exposeWorker(api);
