// What this browser's WebGPU offers, found without downloading anything, and whether a chat model
// can run on it, and whether the adapter is a software renderer (SwiftShader). WebLLM itself only finds out after downloading the config and the model library.
import { isSoftwareAdapter, type AdapterInfoLike } from '@openbook/core/deviceChoice';
import type { ChatModelInfo, GpuCapabilities, ModelBlocker } from './generator';

/** The parts of a GPUAdapter read here (structural, so tests can pass a fake). */
export interface GpuAdapterLike {
  features: { has(feature: string): boolean };
  info?: AdapterInfoLike;
  /** Older Chromium: the fallback (software) adapter says so here rather than in info. */
  isFallbackAdapter?: boolean;
  /** Older Chromium (before adapter.info). */
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
}

/** The parts of Navigator read here. */
export interface NavigatorWithGpu {
  gpu?: {
    requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<GpuAdapterLike | null>;
  };
}

const NONE: GpuCapabilities = { webgpu: false, adapter: false, shaderF16: false, software: false, adapterName: null };

function describeAdapter(info: GpuAdapterLike['info']): string | null {
  if (!info) return null;
  const description = info.description?.trim();
  if (description) return description;
  const parts = [info.vendor, info.architecture, info.device].map((p) => p?.trim()).filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' / ') : null;
}

/**
 * Detect WebGPU, an adapter and 'shader-f16', asking for the adapter the way WebLLM does
 * (powerPreference 'high-performance'). Never throws: any failure reads as "not available".
 */
export async function detectGpuCapabilities(
  nav: NavigatorWithGpu | undefined = typeof navigator === 'undefined' ? undefined : (navigator as NavigatorWithGpu),
): Promise<GpuCapabilities> {
  try {
    const gpu = nav?.gpu;
    if (!gpu) return { ...NONE };
    let adapter: GpuAdapterLike | null = null;
    try {
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    } catch {
      adapter = null;
    }
    if (!adapter) return { ...NONE, webgpu: true };
    let shaderF16 = false;
    try {
      shaderF16 = adapter.features.has('shader-f16');
    } catch {
      shaderF16 = false;
    }
    let info = adapter.info;
    if (!info && typeof adapter.requestAdapterInfo === 'function') {
      try {
        info = await adapter.requestAdapterInfo();
      } catch {
        info = undefined;
      }
    }
    let software = false;
    try {
      software = isSoftwareAdapter(info, adapter.isFallbackAdapter);
    } catch {
      software = false;
    }
    return { webgpu: true, adapter: true, shaderF16, software, adapterName: describeAdapter(info) };
  } catch {
    return { ...NONE };
  }
}

/** Why `model` cannot run with `caps`, or null when nothing known stands in the way. */
export function modelBlocker(model: ChatModelInfo, caps: GpuCapabilities): ModelBlocker | null {
  if (!caps.webgpu) return 'no-webgpu';
  if (!caps.adapter) return 'no-adapter';
  if (model.needsShaderF16 && !caps.shaderF16) return 'needs-shader-f16';
  return null;
}
