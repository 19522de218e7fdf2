// "Automatic", measured (core/deviceTrial.ts): load the model on each device, time a short trial, pick the
// faster, and remember the figures in localStorage per model and browser (user agent and GPU adapter), read
// back with validation. A software WebGPU adapter is measured but never chosen over WASM. One lifecycle for
// the embedder, the reranker, the transformers.js chat engine and the evaluation's own embedder.
import {
  devicesToMeasure,
  pickMeasuredDevice,
  readRememberedTrial,
  rememberTrial,
  trialRate,
  TRIAL_PASSES,
  TRIAL_TEXTS,
  type DeviceTrial,
  type MeasuredChoice,
  type TrialTiming,
} from '@openbook/core/deviceTrial';
import { chooseDevice, type DevicePreference } from '@openbook/core/deviceChoice';
import type { GpuCapabilities } from '../../adapters/generator/generator';
import type { ComputeDevice } from '@openbook/core/types';
import { isCancelled } from '../runtime/errors';
import { useGpuStore } from './gpuStore';

export type { DeviceTrial, MeasuredChoice, TrialTiming };

const KEY_PREFIX = 'openbook:device-trial:';
const storageKey = (modelId: string) => `${KEY_PREFIX}${modelId}`;

/** This browser and GPU, as a measurement is remembered for: the user agent and the adapter's name. */
export function browserKey(caps: Pick<GpuCapabilities, 'adapterName'>): string {
  const agent = typeof navigator === 'undefined' ? 'node' : navigator.userAgent;
  return `${agent} | ${caps.adapterName ?? 'no adapter'}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered figures for this model here, or null (none, unreadable, or of another browser or GPU). */
export function rememberedTrials(modelId: string, caps: GpuCapabilities): DeviceTrial[] | null {
  const raw = storage()?.getItem(storageKey(modelId));
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return readRememberedTrial(value, modelId, browserKey(caps), devicesToMeasure(caps));
}

/** Forget the figures for a model (the next Automatic run measures again). */
export function forgetTrials(modelId: string): void {
  storage()?.removeItem(storageKey(modelId));
}

function saveTrials(modelId: string, caps: GpuCapabilities, trials: DeviceTrial[]): void {
  try {
    storage()?.setItem(storageKey(modelId), JSON.stringify(rememberTrial(modelId, browserKey(caps), trials, Date.now())));
  } catch {
    // A full or refused storage only means measuring again next time.
  }
}

/** What a measurement needs from the model's store. */
export interface TrialSteps {
  /** Load the model on `device` (if not loaded there); returns the device it really runs on. */
  load(device: ComputeDevice): Promise<ComputeDevice>;
  /** Run the trial on the loaded model: one untimed warm-up pass, then TRIAL_PASSES timed ones (see textTrial). */
  run(): Promise<TrialTiming>;
  /** False once the run was cancelled or replaced. */
  stillCurrent(): boolean;
  /** The device being measured now, null when done. */
  onMeasuring(device: ComputeDevice | null): void;
}

/**
 * The measured choice for `modelId` on this browser's GPU: from memory, or measured now on each device
 * (WebGPU first, so that WASM, the more frequent winner, is the one left loaded). Null where there is nothing
 * to measure (no WebGPU adapter: WASM is the only choice) or when the run stopped being current. A device
 * that fails its trial gets no figure and is not chosen; a cancellation is thrown on.
 */
export async function measuredChoice(modelId: string, caps: GpuCapabilities, steps: TrialSteps): Promise<MeasuredChoice | null> {
  const devices = devicesToMeasure(caps);
  if (devices.length === 0) return null;
  const remembered = rememberedTrials(modelId, caps);
  if (remembered) return pickMeasuredDevice(remembered, caps);
  const trials: DeviceTrial[] = [];
  try {
    for (const device of devices) {
      steps.onMeasuring(device);
      let rate: number | null = null;
      try {
        const loaded = await steps.load(device);
        if (!steps.stillCurrent()) return null;
        if (loaded === device) rate = trialRate(await steps.run());
      } catch (error) {
        if (!steps.stillCurrent() || isCancelled(error)) throw error;
      }
      if (!steps.stillCurrent()) return null;
      trials.push({ device, textsPerSecond: rate });
    }
  } finally {
    steps.onMeasuring(null);
  }
  saveTrials(modelId, caps, trials);
  return pickMeasuredDevice(trials, caps);
}

/**
 * The embedder's and the reranker's trial: `time` runs TRIAL_PASSES timed passes over the texts after one
 * warm-up pass and returns their milliseconds; every text of every timed pass counts.
 */
export function textTrial(time: (texts: string[], passes: number) => Promise<number>): () => Promise<TrialTiming> {
  return async () => ({ items: TRIAL_TEXTS.length * TRIAL_PASSES, ms: await time([...TRIAL_TEXTS], TRIAL_PASSES) });
}

/**
 * The device for a preference and a model: the user's choice; with Automatic, the device measured faster here
 * (remembered, or timed now through `steps`) where WebGPU has an adapter, else WASM. `device` is null when
 * WebGPU was chosen but there is no adapter; `measured` holds the figures when Automatic measured.
 */
export async function preferredDevice(
  preference: DevicePreference,
  modelId: string,
  steps: TrialSteps,
): Promise<{ device: ComputeDevice | null; measured: MeasuredChoice | null }> {
  const caps = await useGpuStore.getState().detect();
  const { device } = chooseDevice(preference, caps);
  if (preference !== 'auto' || !device) return { device, measured: null };
  const measured = await measuredChoice(modelId, caps, steps);
  return { device: measured?.device ?? device, measured };
}
