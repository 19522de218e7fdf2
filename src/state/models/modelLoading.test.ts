// The state side of the model lifecycle: a worker load that reports downloads while it is live and that
// cancel() can abandon, the site's models.json read once, and the device "Automatic" picks.
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ manifest: null as unknown, reads: 0 }));
vi.mock('./siteManifest', () => ({
  fetchSiteManifest: async () => {
    fake.reads++;
    if (fake.manifest instanceof Error) throw fake.manifest;
    return fake.manifest;
  },
}));

const { WorkerModelLoad, resolveDevice, siteModelsOnce, withDownload } = await import('./modelLoading');
const { useGpuStore } = await import('./gpuStore');

const file = (name: string, loadedBytes: number) => ({ file: name, loadedBytes, totalBytes: 10, done: loadedBytes === 10 });

describe('WorkerModelLoad', () => {
  it('reports each download while the load is live, and resolves with what the worker loaded', async () => {
    let live = true;
    const seen: string[] = [];
    const api = {
      load: async (_m: string, _d: string, _s: unknown, onDownload: (p: ReturnType<typeof file>) => void) => {
        onDownload(file('a', 5));
        live = false;
        onDownload(file('b', 5)); // after the run stopped being live: not reported
        return 'loaded';
      },
    };
    const load = new WorkerModelLoad(() => new Error('cancelled'));
    await expect(
      load.load(
        api,
        'm',
        'wasm',
        { remoteHost: 'h', basePath: '/' },
        (p) => seen.push(p.file),
        () => live,
      ),
    ).resolves.toBe('loaded');
    expect(seen).toEqual(['a']);
  });

  it('abandon() rejects the load under way at once, whatever the worker does next', async () => {
    const api = { load: () => new Promise<string>(() => {}) }; // a terminated worker never answers
    const load = new WorkerModelLoad(() => new Error('cancelled'));
    const pending = load.load(
      api,
      'm',
      'wasm',
      { remoteHost: 'h', basePath: '/' },
      () => {},
      () => true,
    );
    load.abandon();
    await expect(pending).rejects.toThrow('cancelled');
    load.abandon(); // nothing under way: nothing happens
  });
});

describe('siteModelsOnce', () => {
  it('reads the manifest once and hands it over; an unreadable one goes to its own handler', async () => {
    fake.manifest = { chat: [] };
    const apply = vi.fn();
    const once = siteModelsOnce(apply);
    await once();
    await once();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply).toHaveBeenCalledWith({ chat: [] });
    expect(fake.reads).toBe(1);
    fake.manifest = new Error('not JSON');
    const unreadable = vi.fn();
    await siteModelsOnce(apply, unreadable)();
    expect(unreadable).toHaveBeenCalledWith(fake.manifest);
    expect(apply).toHaveBeenCalledTimes(1);
  });
});

describe('resolveDevice and withDownload', () => {
  it('never picks a software adapter automatically, and keeps each file’s latest report', async () => {
    useGpuStore.setState({ detect: async () => ({ webgpu: true, adapter: true, shaderF16: false, software: true, adapterName: 'swiftshader' }) });
    expect(await resolveDevice('auto')).toEqual({ device: 'wasm', reason: 'software-gpu' });
    expect(await resolveDevice('webgpu')).toEqual({ device: 'webgpu', reason: 'chosen' });
    expect(withDownload({ a: file('a', 1) }, file('a', 10))).toEqual({ a: file('a', 10) });
  });
});
