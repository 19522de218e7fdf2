// Main thread side of the evaluation index worker (see evaluationIndex.worker.ts).
import { startWorker, type WorkerClient } from '../workerRpc';
import type { EvaluationIndexWorkerApi } from './evaluationIndex.worker';

export type EvaluationIndexClient = WorkerClient<EvaluationIndexWorkerApi>;

export function createEvaluationIndexClient(): Promise<EvaluationIndexClient> {
  return startWorker<EvaluationIndexWorkerApi>(
    new Worker(new URL('./evaluationIndex.worker.ts', import.meta.url), { type: 'module', name: 'openbook-evaluation-index' }),
  );
}
