// The one way a transformers.js model is loaded, whatever it is for (embedder, reranker, chat engine):
// refuse a device this browser lacks, find where the model comes from (the site or the hub), point the
// library there, create it on the device with per-file download progress, try it once (a device failure
// shows now, not in the middle of the work), and only then let go of the model loaded before
// (LoadedModelSlot). Every failure goes through the caller's `describe`, which turns it into that
// adapter's own error.
import type { ProgressInfo } from '@huggingface/transformers';
import type { ComputeDevice } from '@openbook/core/types';
import { progressMapper, type DownloadProgress } from './downloadProgress';
import { ModelLoadError, unavailableDevice } from './loadFailure';
import { configureEnvironment } from './configureEnvironment';
import { resolveModelLocation, type LocatableModel, type LocationOptions, type ModelLocation, type ModelSource } from './modelLocation';
import { libraryDevice, type Runtime } from './runtime';

/** What one load is asked for. */
export interface ModelRequest {
  model: LocatableModel;
  device: ComputeDevice;
  source: ModelSource;
  onDownload: (progress: DownloadProgress) => void;
}

/** What an adapter's loads share: where models come from in Node or how the site is probed, and where it runs. */
export interface LoaderContext {
  location: LocationOptions;
  runtime: Runtime;
}

/** How an adapter makes, tries, releases and describes its kind of model. */
export interface ModelLoadSteps<T> {
  /** Create the library's object on the device transformers.js understands here. */
  create(libraryDevice: 'webgpu' | 'wasm' | 'cpu', progress_callback: (info: ProgressInfo) => void): Promise<T>;
  /** One small call with the new model; throwing rejects it (it is released first). */
  probe?(loaded: T): Promise<void>;
  /**
   * The adapter's own error for a failure: `location` is null before the model was located (a device this
   * browser lacks: a ModelLoadError; a model the site does not serve or a bad host: a ModelLocationError).
   */
  describe(error: unknown, location: ModelLocation | null): Error;
}

/** Load a model. Throws what `describe` makes of a failure; nothing is kept then. */
export async function loadTransformersModel<T>(
  request: ModelRequest,
  context: LoaderContext,
  steps: ModelLoadSteps<T>,
  release: (loaded: T) => Promise<unknown>,
): Promise<{ loaded: T; location: ModelLocation }> {
  const unavailable = unavailableDevice(request.device);
  if (unavailable) throw steps.describe(new ModelLoadError(unavailable.reason, unavailable.message), null);
  let location: ModelLocation;
  try {
    location = await resolveModelLocation(request.model, request.source, context.location);
  } catch (error) {
    throw steps.describe(error, null);
  }
  configureEnvironment(location);

  let loaded: T;
  try {
    loaded = await steps.create(libraryDevice(request.device, context.runtime), progressMapper(request.onDownload));
  } catch (error) {
    throw steps.describe(error, location);
  }
  try {
    await steps.probe?.(loaded);
  } catch (error) {
    await release(loaded).catch(() => {});
    throw steps.describe(error, location);
  }
  return { loaded, location };
}

/**
 * The model an adapter holds. A new one replaces it only once it has loaded and passed its probe: a failed
 * load leaves the one before usable. The one replaced is released.
 */
export class LoadedModelSlot<T> {
  private current: T | null = null;

  constructor(
    private readonly context: LoaderContext,
    private readonly release: (loaded: T) => Promise<unknown>,
  ) {}

  get value(): T | null {
    return this.current;
  }

  /** Load a model by `steps` and hold it; returns where it came from. */
  async load(request: ModelRequest, steps: ModelLoadSteps<T>): Promise<ModelLocation> {
    const { loaded, location } = await loadTransformersModel(request, this.context, steps, this.release);
    const previous = this.current;
    this.current = loaded;
    if (previous) await this.release(previous).catch(() => {});
    return location;
  }

  /** Release the model held, if any. */
  async dispose(): Promise<void> {
    const held = this.current;
    this.current = null;
    if (held) await this.release(held);
  }
}
