import { describe, expect, it } from 'vitest';
import { automaticDevice, chooseDevice, isSoftwareAdapter } from './deviceChoice';

const gpu = { webgpu: true, adapter: true, software: false };
const swiftshader = { webgpu: true, adapter: true, software: true };
const none = { webgpu: true, adapter: false, software: false };

describe('chooseDevice', () => {
  it('picks WebGPU automatically only on a real GPU', () => {
    expect(chooseDevice('auto', gpu)).toEqual({ device: 'webgpu', reason: 'gpu' });
    expect(chooseDevice('auto', swiftshader)).toEqual({ device: 'wasm', reason: 'software-gpu' });
    expect(chooseDevice('auto', none)).toEqual({ device: 'wasm', reason: 'no-gpu' });
    expect(automaticDevice({ webgpu: false, adapter: false, software: false }).device).toBe('wasm');
  });

  it('keeps an explicit choice, WebGPU on a software adapter included', () => {
    expect(chooseDevice('webgpu', swiftshader)).toEqual({ device: 'webgpu', reason: 'chosen' });
    expect(chooseDevice('wasm', gpu)).toEqual({ device: 'wasm', reason: 'chosen' });
  });

  it('refuses an explicit WebGPU without an adapter', () => {
    expect(chooseDevice('webgpu', none)).toEqual({ device: null, reason: 'webgpu-unavailable' });
  });
});

describe('isSoftwareAdapter', () => {
  it('tells software renderers from GPUs', () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'x', isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter(undefined, true)).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBe(false);
    expect(isSoftwareAdapter(undefined)).toBe(false);
  });
});
