// The one way a transformers.js model is loaded, whatever it is for (embedder, reranker, chat engine):
// refuse a device this browser lacks, find where the model comes from (the site or the hub), point the
// library there, create it on the device with per-file download progress, try it once (a device failure
// shows now, not in the middle of the work), and only then let go of the model loaded before. Every
// failure goes through the caller's `describe`, which turns it into that adapter's own error.
import type { ProgressInfo } from '@huggingface/transformers';
import type { ComputeDevice } from '../../core/types';
import { progressMapper, type DownloadProgress } from './downloadProgress';
import { ModelLoadError, unavailableDevice } from './loadFailure';
import { configureEnvironment, resolveModelLocation, type LocatableModel, type LocationOptions, type ModelLocation, type ModelSource } from './modelLocation';
import { libraryDevice, type Runtime } from './runtime';

export interface ModelLoadSteps<T> {
  model: LocatableModel;
  device: ComputeDevice;
  source: ModelSource;
  /** Where models come from in Node (a folder) or how the site is probed; see LocationOptions. */
  location: LocationOptions;
  runtime: Runtime;
  onDownload: (progress: DownloadProgress) => void;
  /** Create the library's object on the device transformers.js understands here. */
  create(libraryDevice: 'webgpu' | 'wasm' | 'cpu', progress_callback: (info: ProgressInfo) => void): Promise<T>;
  /** One small call with the new model; throwing rejects it (it is disposed of first). */
  probe?(loaded: T): Promise<void>;
  dispose(loaded: T): Promise<unknown>;
  /**
   * The adapter's own error for a failure: `location` is null before the model was located (a device this
   * browser lacks: a ModelLoadError; a model the site does not serve or a bad host: a ModelLocationError).
   */
  describe(error: unknown, location: ModelLocation | null): Error;
}

export interface LoadedModel<T> {
  loaded: T;
  location: ModelLocation;
}

/** Load a model by the steps above. Throws what `describe` makes of a failure; nothing is kept then. */
export async function loadTransformersModel<T>(steps: ModelLoadSteps<T>): Promise<LoadedModel<T>> {
  const unavailable = unavailableDevice(steps.device);
  if (unavailable) throw steps.describe(new ModelLoadError(unavailable.reason, unavailable.message), null);
  let location: ModelLocation;
  try {
    location = await resolveModelLocation(steps.model, steps.source, steps.location);
  } catch (error) {
    throw steps.describe(error, null);
  }
  configureEnvironment(location);

  let loaded: T;
  try {
    loaded = await steps.create(libraryDevice(steps.device, steps.runtime), progressMapper(steps.onDownload));
  } catch (error) {
    throw steps.describe(error, location);
  }
  try {
    await steps.probe?.(loaded);
  } catch (error) {
    await Promise.resolve(steps.dispose(loaded)).catch(() => {});
    throw steps.describe(error, location);
  }
  return { loaded, location };
}
