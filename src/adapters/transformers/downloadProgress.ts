// transformers.js' progress events as per-file byte counts, for any model download.
import type { ProgressInfo } from '@huggingface/transformers';

import type { DownloadProgress } from '@openbook/core/types';

/** Progress of a model download, per file (bytes): the shape every model loader reports. */
export type { DownloadProgress };

/** Call a callback (possibly a Comlink proxy returning a promise) without letting it break the caller. */
export function notify<A extends unknown[]>(callback: ((...args: A) => unknown) | undefined, ...args: A): void {
  if (!callback) return;
  try {
    const result = callback(...args) as { then?: unknown } | undefined;
    if (result && typeof result.then === 'function') (result as Promise<unknown>).then(undefined, () => {});
  } catch {
    // A broken listener must not stop the work.
  }
}

/** Maps transformers.js progress events to DownloadProgress, at most one 'progress' per file per 100 ms. */
export function progressMapper(onDownload: (progress: DownloadProgress) => void): (info: ProgressInfo) => void {
  const files = new Map<string, { loaded: number; total: number; sentAt: number }>();
  return (info) => {
    if (info.status === 'initiate') {
      files.set(info.file, { loaded: 0, total: 0, sentAt: 0 });
      notify(onDownload, { file: info.file, loadedBytes: 0, totalBytes: 0, done: false });
    } else if (info.status === 'progress') {
      const now = Date.now();
      const last = files.get(info.file);
      const finished = info.total > 0 && info.loaded >= info.total;
      files.set(info.file, { loaded: info.loaded, total: info.total, sentAt: last?.sentAt ?? 0 });
      if (!finished && last && now - last.sentAt < 100) return;
      files.set(info.file, { loaded: info.loaded, total: info.total, sentAt: now });
      notify(onDownload, { file: info.file, loadedBytes: info.loaded, totalBytes: info.total, done: false });
    } else if (info.status === 'done') {
      const last = files.get(info.file);
      const total = last?.total || last?.loaded || 0;
      notify(onDownload, { file: info.file, loadedBytes: total, totalBytes: total, done: true });
    }
  };
}
