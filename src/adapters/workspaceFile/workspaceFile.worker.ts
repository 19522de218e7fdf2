// The workspace file worker: writes and reads workspace files (packages/core/src/workspaceFile.ts) off the main
// thread, so that zipping or checking a large workspace never stalls the page. Chunks and vectors travel
// packed in flat typed arrays whose buffers are transferred both ways, not copied. A job is cancelled by
// terminating the worker (see src/state/runtime/workers.ts): nothing here holds anything that must be kept.
import {
  packedWorkspaceBuffers,
  readWorkspaceFile,
  writeWorkspaceFile,
  type KnownModel,
  type PackedWorkspace,
  type ReadWorkspaceFile,
  type WorkspaceFileProgressListener,
} from '@openbook/core/workspaceFile';
import { exposeWorker, transfer } from '../workerRpc';

const api = {
  /** The workspace as one zip file (its buffer transferred back). */
  write(packed: PackedWorkspace, createdAt: string, onProgress?: WorkspaceFileProgressListener): Uint8Array {
    const bytes = writeWorkspaceFile(packed, new Date(createdAt), onProgress);
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** The file read and checked completely, packed (its buffers transferred back), or what is wrong with it. */
  read(bytes: Uint8Array, knownModels: KnownModel[], onProgress?: WorkspaceFileProgressListener): ReadWorkspaceFile {
    const result = readWorkspaceFile(bytes, knownModels, onProgress);
    return result.ok ? transfer(result, packedWorkspaceBuffers(result.packed)) : result;
  },
};

export type WorkspaceFileWorkerApi = typeof api;

exposeWorker(api);
