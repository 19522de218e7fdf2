// The adapter trainer's Web Worker: trains a linear query adapter (core/adapterTraining) on the pairs it
// is given, reporting every step's loss, until done or cancelled. The page stays responsive meanwhile.
import { exposeWorker } from '../workerRpc';
import {
  trainAdapter,
  TrainingCancelledError,
  type TrainingData,
  type TrainingOptions,
  type TrainingProgress,
  type TrainingResult,
} from '@openbook/core/adapterTraining/trainAdapter';

let controller: AbortController | null = null;

const api = {
  /** Train; rejects with a message starting "cancelled" when cancel() was called. */
  async train(data: TrainingData, options: TrainingOptions, onProgress: (p: TrainingProgress) => void): Promise<TrainingResult> {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    try {
      return await trainAdapter(data, options, (p) => void onProgress(p), own.signal);
    } catch (err) {
      if (err instanceof TrainingCancelledError) throw new Error('cancelled');
      throw err;
    } finally {
      if (controller === own) controller = null;
    }
  },
  cancel(): void {
    controller?.abort();
  },
};

export type AdapterTrainerWorkerApi = typeof api;

exposeWorker(api);
