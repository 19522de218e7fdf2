// The shared model lifecycle of the transformers.js adapters, with fake models: where a model comes from,
// what a failed load leaves behind, and what is released when.
import { describe, expect, it, vi } from 'vitest';
import { ModelLoadError } from './loadFailure';
import { LoadedModelSlot, type ModelLoadSteps } from './modelLoader';
import { ModelLocationError } from './modelLocation';

const source = { remoteHost: 'https://hub.example', basePath: '/' };
const request = (id: string, device: 'wasm' | 'webgpu' = 'wasm') => ({ model: { id }, device, source, onDownload: () => {} });

interface Fake {
  id: string;
}

function steps(overrides: Partial<ModelLoadSteps<Fake>> = {}): ModelLoadSteps<Fake> {
  return {
    create: async () => ({ id: 'created' }),
    describe: (error, location) => new Error(`${location ? location.from : 'unlocated'}: ${(error as Error).message}`),
    ...overrides,
  };
}

describe('LoadedModelSlot', () => {
  it('loads from the folder it is given, on the library device of its runtime, and releases the model it replaces', async () => {
    const release = vi.fn(async () => {});
    const slot = new LoadedModelSlot<Fake>({ location: { localModelPath: '/models/' }, runtime: 'node' }, release);
    const create = vi.fn(async (device: string) => ({ id: `a on ${device}` }));
    expect(await slot.load(request('org/a'), steps({ create }))).toEqual({ from: 'site', localModelPath: '/models/' });
    expect(slot.value).toEqual({ id: 'a on cpu' });
    await slot.load(request('org/b'), steps({ create: async () => ({ id: 'b' }) }));
    expect(release).toHaveBeenCalledWith({ id: 'a on cpu' });
    expect(slot.value).toEqual({ id: 'b' });
    await slot.dispose();
    expect(release).toHaveBeenLastCalledWith({ id: 'b' });
    expect(slot.value).toBeNull();
  });

  it('keeps the model loaded before when a new one fails its probe, and releases the one that failed', async () => {
    const release = vi.fn(async () => {});
    const slot = new LoadedModelSlot<Fake>({ location: { localModelPath: '/models/' }, runtime: 'browser' }, release);
    await slot.load(request('org/a'), steps({ create: async () => ({ id: 'a' }) }));
    const failing = steps({
      create: async () => ({ id: 'broken' }),
      probe: async () => {
        throw new Error('shader failed');
      },
    });
    await expect(slot.load(request('org/b'), failing)).rejects.toThrow('site: shader failed');
    expect(release).toHaveBeenCalledWith({ id: 'broken' });
    expect(slot.value).toEqual({ id: 'a' });
  });

  it('describes a device this browser lacks and a model the site does not serve before creating anything', async () => {
    const create = vi.fn(async () => ({ id: 'never' }));
    const described: unknown[] = [];
    const describe = (error: unknown) => (described.push(error), new Error('described'));
    const slot = new LoadedModelSlot<Fake>({ location: { fetch: async () => new Response('', { status: 404 }) }, runtime: 'browser' }, async () => {});
    await expect(slot.load(request('org/a', 'webgpu'), steps({ create, describe }))).rejects.toThrow('described');
    expect(described[0]).toBeInstanceOf(ModelLoadError);
    expect((described[0] as ModelLoadError).reason).toBe('webgpu');
    await expect(slot.load({ ...request('org/a'), model: { id: 'org/a', selfHostedOnly: true } }, steps({ create, describe }))).rejects.toThrow('described');
    expect(described[1]).toBeInstanceOf(ModelLocationError);
    expect(create).not.toHaveBeenCalled();
  });
});
