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
  /**
   * The workspace as one zip file: its bytes (transferred back) and a Blob of them, made here, so that the page
   * need not copy a large file into a Blob itself to download it (a Blob travels by reference).
   */
  write(packed: PackedWorkspace, createdAt: string, onProgress?: WorkspaceFileProgressListener): { bytes: Uint8Array; blob: Blob } {
    const bytes = writeWorkspaceFile(packed, new Date(createdAt), onProgress);
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
    return transfer({ bytes, blob }, [bytes.buffer as ArrayBuffer]);
  },

  /** The file read and checked completely, packed (its buffers transferred back), or what is wrong with it. */
  read(bytes: Uint8Array, knownModels: KnownModel[], onProgress?: WorkspaceFileProgressListener): ReadWorkspaceFile {
    const result = readWorkspaceFile(bytes, knownModels, onProgress);
    return result.ok ? transfer(result, packedWorkspaceBuffers(result.packed)) : result;
  },
};

export type WorkspaceFileWorkerApi = typeof api;

exposeWorker(api);
