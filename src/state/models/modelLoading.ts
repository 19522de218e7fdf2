// The state side of one model lifecycle, shared by the embedding, reranking and transformers.js chat
// stores: the device a load runs on (core/deviceChoice.ts: "Automatic" never picks a software WebGPU
// adapter), where models come from (the model host setting and the site's own models/), the site's
// models.json read once per kind, and a load in a worker that reports each file's download and that
// cancel() can abandon (a download cannot be interrupted inside the library: the caller replaces the
// worker, which then never answers).
import { chooseDevice, type DeviceChoice, type DevicePreference } from '@openbook/core/deviceChoice';
import type { ComputeDevice } from '@openbook/core/types';
import type { DownloadProgress } from '../../adapters/transformers/downloadProgress';
import type { ModelSource } from '../../adapters/transformers/modelLocation';
import { callback } from '../../adapters/workerRpc';
import { useGpuStore } from './gpuStore';
import { selectModelHost, useSettingsStore } from './settingsStore';
import { fetchSiteManifest } from './siteManifest';

export type { DevicePreference, DownloadProgress };

/** The device for the user's preference on this browser's GPU (detected once), and why. */
export async function resolveDevice(preference: DevicePreference): Promise<DeviceChoice> {
  return chooseDevice(preference, await useGpuStore.getState().detect());
}

/** Where the worker takes models from: the model host setting (null when it is not a valid address), and this site. */
export function modelSource(): ModelSource | null {
  const remoteHost = selectModelHost(useSettingsStore.getState());
  return remoteHost ? { remoteHost, basePath: import.meta.env.BASE_URL } : null;
}

/** Downloads per file, with this file's latest report. */
export function withDownload(downloads: Record<string, DownloadProgress>, progress: DownloadProgress): Record<string, DownloadProgress> {
  return { ...downloads, [progress.file]: progress };
}

/**
 * Read the site's models.json once and hand it to `apply` (the kind's own parser and setter). A site
 * without one applies nothing. An unreadable one goes to `onUnreadable` (the embedding step reports it;
 * the other kinds leave it to that).
 */
export function siteModelsOnce(apply: (manifest: unknown) => void, onUnreadable: (error: unknown) => void = () => {}): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () =>
    (pending ??= (async () => {
      let manifest: unknown;
      try {
        manifest = await fetchSiteManifest();
      } catch (error) {
        onUnreadable(error);
        return;
      }
      apply(manifest);
    })());
}

/** What a model worker offers for loading (the embedder's and the reranker's APIs through Comlink). */
export interface ModelWorkerApi<M, R> {
  load(model: M, device: ComputeDevice, source: ModelSource, onDownload: (progress: DownloadProgress) => void): Promise<R>;
}

/**
 * Loads models in a worker, one at a time, each file's download reported while the load is `live`.
 * abandon() makes the load under way reject at once with `cancelled()`, whatever the worker does next.
 */
export class WorkerModelLoad {
  private abandonLoad: (() => void) | null = null;

  constructor(private readonly cancelled: () => Error) {}

  async load<M, R>(
    api: ModelWorkerApi<M, R>,
    model: M,
    device: ComputeDevice,
    source: ModelSource,
    onDownload: (progress: DownloadProgress) => void,
    live: () => boolean,
  ): Promise<R> {
    let abandon: (() => void) | null = null;
    try {
      return await new Promise<R>((resolve, reject) => {
        abandon = this.abandonLoad = () => reject(this.cancelled());
        api
          .load(
            model,
            device,
            source,
            callback((progress: DownloadProgress) => {
              if (live()) onDownload(progress);
            }),
          )
          .then(resolve, reject);
      });
    } finally {
      if (this.abandonLoad === abandon) this.abandonLoad = null;
    }
  }

  /** Stop waiting for the load under way (its worker is being replaced). */
  abandon(): void {
    this.abandonLoad?.();
  }
}
