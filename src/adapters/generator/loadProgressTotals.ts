// Per-file download progress (bytes) summed into one LoadProgress for the whole model, the files kept beside.
import type { DownloadProgress } from '../transformers/downloadProgress';
import type { LoadProgress } from './generator';

export class LoadProgressTotals {
  private readonly files = new Map<string, DownloadProgress>();
  private readonly started: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now();
  }

  /** The whole model's progress after this file's report: bytes over all files seen so far. */
  update(file: DownloadProgress): LoadProgress {
    this.files.set(file.file, file);
    let loaded = 0;
    let total = 0;
    for (const f of this.files.values()) {
      loaded += f.loadedBytes;
      total += f.totalBytes;
    }
    return {
      progress: total > 0 ? Math.min(1, loaded / total) : 0,
      text: file.file,
      timeElapsedS: (this.now() - this.started) / 1000,
      bytes: { loaded, total },
      files: [...this.files.values()],
    };
  }
}
