// Workers that died on their own (crashed, sent an unreadable message, stopped answering): which, and why,
// for the notice at the top of the page. The job each was doing has failed with its own message where it
// is shown; this says that the worker itself starts again on its next use.
import { create } from 'zustand';

export type WorkerName =
  | 'parser'
  | 'embedder'
  | 'queryEmbedder'
  | 'vectorIndex'
  | 'keywordIndex'
  | 'tokenizer'
  | 'reranker'
  | 'chunker'
  | 'projection'
  | 'workspaceFile';

export interface WorkerDeath {
  worker: WorkerName;
  detail: string;
}

interface WorkerHealthState {
  deaths: WorkerDeath[];
  dismiss(worker: WorkerName): void;
}

export const useWorkerHealthStore = create<WorkerHealthState>()((set) => ({
  deaths: [],
  dismiss: (worker) => set((s) => ({ deaths: s.deaths.filter((d) => d.worker !== worker) })),
}));

/** Note that `worker` died (the latest reason per worker is kept). */
export function reportWorkerDeath(worker: WorkerName, error: Error): void {
  useWorkerHealthStore.setState((s) => ({ deaths: [...s.deaths.filter((d) => d.worker !== worker), { worker, detail: error.message }] }));
}
