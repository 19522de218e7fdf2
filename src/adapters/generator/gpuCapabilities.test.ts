import { describe, expect, it } from 'vitest';
import { CHAT_MODELS } from './chatModels';
import type { ChatModelInfo, GpuCapabilities } from './generator';
import { detectGpuCapabilities, modelBlocker, type GpuAdapterLike, type NavigatorWithGpu } from './gpuCapabilities';

function navWith(adapter: GpuAdapterLike | null | Error): NavigatorWithGpu {
  return {
    gpu: {
      requestAdapter: async () => {
        if (adapter instanceof Error) throw adapter;
        return adapter;
      },
    },
  };
}

function adapterWith(features: string[], info?: GpuAdapterLike['info']): GpuAdapterLike {
  return { features: new Set(features), ...(info ? { info } : {}) };
}

describe('detectGpuCapabilities', () => {
  it('reports no WebGPU without navigator.gpu (or without a navigator)', async () => {
    const none = { webgpu: false, adapter: false, shaderF16: false, software: false, adapterName: null };
    expect(await detectGpuCapabilities({})).toEqual(none);
    expect(await detectGpuCapabilities(undefined)).toEqual(none);
  });

  it('reports no adapter when requestAdapter returns null or throws', async () => {
    const noAdapter = { webgpu: true, adapter: false, shaderF16: false, software: false, adapterName: null };
    expect(await detectGpuCapabilities(navWith(null))).toEqual(noAdapter);
    expect(await detectGpuCapabilities(navWith(new Error('boom')))).toEqual(noAdapter);
  });

  it('reads shader-f16 and the adapter name (SwiftShader-like adapter)', async () => {
    const caps = await detectGpuCapabilities(navWith(adapterWith([], { vendor: 'google', architecture: 'swiftshader', description: '' })));
    expect(caps).toEqual({ webgpu: true, adapter: true, shaderF16: false, software: true, adapterName: 'google / swiftshader' });
  });

  it('prefers the description and sees shader-f16', async () => {
    const caps = await detectGpuCapabilities(
      navWith(adapterWith(['shader-f16', 'subgroups'], { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' })),
    );
    expect(caps).toEqual({ webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'NVIDIA H200' });
  });

  it('tells a fallback (software) adapter from a GPU', async () => {
    expect((await detectGpuCapabilities(navWith(adapterWith([], { vendor: 'x', isFallbackAdapter: true })))).software).toBe(true);
    expect((await detectGpuCapabilities(navWith({ features: new Set(), isFallbackAdapter: true }))).software).toBe(true);
    expect((await detectGpuCapabilities(navWith(adapterWith([], { vendor: 'apple', architecture: 'metal-3' })))).software).toBe(false);
  });

  it('falls back to requestAdapterInfo() and to a null name', async () => {
    const old: GpuAdapterLike = { features: new Set(), requestAdapterInfo: async () => ({ vendor: 'intel' }) };
    expect((await detectGpuCapabilities(navWith(old))).adapterName).toBe('intel');
    expect((await detectGpuCapabilities(navWith(adapterWith([])))).adapterName).toBeNull();
  });

  it('never throws, even when the adapter itself misbehaves', async () => {
    const broken = {
      get features(): never {
        throw new Error('broken');
      },
    } as unknown as GpuAdapterLike;
    await expect(detectGpuCapabilities(navWith(broken))).resolves.toMatchObject({ webgpu: true, adapter: true, shaderF16: false });
  });
});

describe('modelBlocker', () => {
  const f16 = CHAT_MODELS.find((m) => m.needsShaderF16) as ChatModelInfo;
  const f32 = CHAT_MODELS.find((m) => !m.needsShaderF16) as ChatModelInfo;
  const caps = (partial: Partial<GpuCapabilities>): GpuCapabilities => ({
    webgpu: true,
    adapter: true,
    shaderF16: true,
    software: false,
    adapterName: null,
    ...partial,
  });

  it('blocks everything without WebGPU, then without an adapter', () => {
    expect(modelBlocker(f32, caps({ webgpu: false, adapter: false, shaderF16: false }))).toBe('no-webgpu');
    expect(modelBlocker(f16, caps({ adapter: false, shaderF16: false }))).toBe('no-adapter');
  });

  it('blocks f16 models without shader-f16 but not their f32 variants', () => {
    const swiftshader = caps({ shaderF16: false, adapterName: 'swiftshader' });
    expect(modelBlocker(f16, swiftshader)).toBe('needs-shader-f16');
    expect(modelBlocker(f32, swiftshader)).toBeNull();
  });

  it('lets everything through on a full GPU', () => {
    for (const model of CHAT_MODELS) expect(modelBlocker(model, caps({}))).toBeNull();
  });
});
