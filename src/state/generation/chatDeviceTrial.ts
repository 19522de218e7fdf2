// The transformers.js chat engine's "Automatic", measured (the same lifecycle as the embedder's and the
// reranker's: models/deviceTrials.ts, core/deviceTrial.ts). Where WebGPU has an adapter, the model is loaded on
// WebGPU and on WASM and answers a short trial prompt on each (read, then a few tokens written); the faster one
// is used, a software adapter never over WASM, a device that failed never; the figures are remembered per model
// and browser and GPU. Without an adapter WASM is the only device: nothing to measure.
import { TRIAL_PASSES, type TrialTiming } from '@openbook/core/deviceTrial';
import type { ComputeDevice } from '@openbook/core/types';
import type { Generator, LoadProgress } from '../../adapters/generator/generator';
import { preferredDevice, type MeasuredChoice } from '../models/deviceTrials';

/** What of the transformers.js generator a measurement uses (transformersGenerator.ts). */
export interface MeasurableGenerator extends Pick<Generator, 'load'> {
  /** The device the next load runs on. */
  device: ComputeDevice;
  /** What is loaded now, or null. */
  readonly loadedInfo: { modelId: string; device: ComputeDevice } | null;
  /** The trial answer on the loaded model: untimed once, then `passes` times timed. */
  trial(passes: number): Promise<TrialTiming>;
}

export interface ChatTrialHooks {
  onProgress(progress: LoadProgress): void;
  /** False once the load was cancelled or replaced. */
  stillCurrent(): boolean;
  /** The device being measured now, null when done. */
  onMeasuring(device: ComputeDevice | null): void;
}

/**
 * Load `modelId` with the Automatic engine: on the device measured faster here (remembered, or measured now by
 * loading it on each device), WASM where there is nothing to measure. Returns the device it runs on and the
 * figures (null without a measurement). A load that fails on the chosen device throws, as any load does.
 */
export async function loadOnMeasuredDevice(
  generator: MeasurableGenerator,
  modelId: string,
  host: string,
  hooks: ChatTrialHooks,
): Promise<{ device: ComputeDevice; measured: MeasuredChoice | null }> {
  const loadOn = async (device: ComputeDevice): Promise<ComputeDevice> => {
    generator.device = device;
    await generator.load(modelId, host, hooks.onProgress);
    return generator.loadedInfo?.device ?? device;
  };
  const { device, measured } = await preferredDevice('auto', modelId, {
    load: loadOn,
    run: () => generator.trial(TRIAL_PASSES),
    stillCurrent: hooks.stillCurrent,
    onMeasuring: hooks.onMeasuring,
  });
  const chosen = device ?? 'wasm';
  // The trial leaves the last device measured (WASM) loaded: load again only where the other one won.
  const held = generator.loadedInfo;
  if (hooks.stillCurrent() && (held?.modelId !== modelId || held.device !== chosen)) await loadOn(chosen);
  return { device: chosen, measured };
}
