// Main thread side of the workspace file worker:
//   const { api } = await createWorkspaceFileClient();
//   const bytes = await api.write(transfer(packed, packedWorkspaceBuffers(packed)), new Date().toISOString(), callback(onProgress));
//   const read = await api.read(transfer(bytes, [bytes.buffer]), modelIds, callback(onProgress));
// Transferred buffers are empty on the sending side afterwards.
import { startWorker, type WorkerClient } from '../workerRpc';
import type { WorkspaceFileWorkerApi } from './workspaceFile.worker';

export type { WorkspaceFileWorkerApi };
export type WorkspaceFileClient = WorkerClient<WorkspaceFileWorkerApi>;

export function createWorkspaceFileClient(): Promise<WorkspaceFileClient> {
  return startWorker<WorkspaceFileWorkerApi>(
    new Worker(new URL('./workspaceFile.worker.ts', import.meta.url), { type: 'module', name: 'openbook-workspace-file' }),
  );
}
