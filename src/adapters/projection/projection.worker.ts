// The embedding map's Web Worker: fits a projection (PCA or UMAP) on the map's vectors and places the
// question and its hits in the same picture. UMAP on 2,000 points takes seconds: it reports progress, and
// the main thread cancels by terminating the worker (see projectionClient.ts).
import { exposeWorker } from '../workerRpc';
import { Projector, type FitResult, type ProjectionMethod, type ProjectionStage, type Rows } from './projection';

let projector: Projector | null = null;

const api = {
  fit(rows: Rows, method: ProjectionMethod, seed: number, onProgress?: (stage: ProjectionStage, done: number, total: number) => void): FitResult {
    projector = new Projector(method);
    return projector.fit(rows, seed, onProgress ? (stage, done, total) => void onProgress(stage, done, total) : undefined);
  },
  transform(rows: Rows): Float32Array {
    if (!projector) throw new Error('nothing fitted yet');
    return projector.transform(rows);
  },
};

export type ProjectionWorkerApi = typeof api;

exposeWorker(api);
