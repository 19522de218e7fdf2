// The shared reading of a failed model load: each kind of failure gets its reason and a message that names
// the model with the caller's word for it and says where it came from.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyLoadFailure, locationFailure, unavailableDevice, type LoadFailureContext } from './loadFailure';
import { ModelLocationError, resolveModelLocation, type ModelLocation } from './modelLocation';

const remote: ModelLocation = { from: 'remote', remoteHost: 'https://hub.example/' };
const site: ModelLocation = { from: 'site', localModelPath: '/models/' };
const context = (location: ModelLocation, extra: Partial<LoadFailureContext> = {}): LoadFailureContext => ({
  modelId: 'org/thing',
  location,
  device: 'wasm',
  noun: 'widget',
  ...extra,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('classifyLoadFailure', () => {
  it('passes a location failure through with its own message', () => {
    const error = new ModelLocationError('not-found', 'only on its own site');
    expect(classifyLoadFailure(error, context(remote))).toEqual({ reason: 'not-found', message: 'only on its own site' });
    expect(classifyLoadFailure(new ModelLocationError('bad-host', 'bad host'), context(remote))).toEqual({ reason: 'failed', message: 'bad host' });
  });

  it('names a network failure with the host, or with the site', () => {
    expect(classifyLoadFailure(new TypeError('Failed to fetch'), context(remote))).toEqual({
      reason: 'network',
      message:
        'Could not download the widget "org/thing" from https://hub.example: the network request failed (Failed to fetch). Check the connection and the model host in the settings.',
    });
    expect(classifyLoadFailure(new Error('Error: fetch failed'), context(site)).message).toBe(
      'Could not download the widget "org/thing" from this site: the network request failed (fetch failed).',
    );
  });

  it('tells a model missing on the hub from a file missing on the site', () => {
    expect(classifyLoadFailure(new Error('Could not locate file "x"'), context(remote))).toEqual({
      reason: 'not-found',
      message: 'The widget "org/thing" was not found on https://hub.example (Could not locate file "x").',
    });
    const missing = Object.assign(new Error('gone'), { name: 'ModelFileNotFoundError' });
    expect(classifyLoadFailure(missing, context(site))).toEqual({
      reason: 'not-found',
      message: 'This site serves models/org/thing/config.json, but another file of the widget is missing (gone).',
    });
  });

  it('says when a web page came back instead of a file', () => {
    expect(classifyLoadFailure(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), context(site))).toEqual({
      reason: 'invalid-model',
      message: `A file of the widget "org/thing" from this site is not what it should be: a web page came back instead (Unexpected token '<', "<!doctype "... is not valid JSON).`,
    });
  });

  it('tries the caller’s own failures before blaming the device, and only after the file failures', () => {
    const specific = vi.fn((raw: string, modelId: string) =>
      raw.includes('odd') ? { reason: 'invalid-model' as const, message: `${modelId} is odd` } : undefined,
    );
    const webgpu = context(remote, { device: 'webgpu', specific });
    expect(classifyLoadFailure(new Error('odd shape'), webgpu)).toEqual({ reason: 'invalid-model', message: 'org/thing is odd' });
    expect(classifyLoadFailure(new Error('shader failed'), webgpu)).toEqual({
      reason: 'webgpu',
      message: 'WebGPU could not run the widget "org/thing" (shader failed). Choose the WASM device instead.',
    });
    specific.mockClear();
    expect(classifyLoadFailure(new Error('odd: Failed to fetch'), webgpu).reason).toBe('network');
    expect(specific).not.toHaveBeenCalled();
  });

  it('falls back to a plain failure naming where the model came from', () => {
    expect(classifyLoadFailure(new Error('boom'), context(remote))).toEqual({
      reason: 'failed',
      message: 'Could not load the widget "org/thing" from https://hub.example (boom).',
    });
    expect(classifyLoadFailure('boom', context(site)).message).toBe('Could not load the widget "org/thing" from this site (boom).');
  });
});

describe('locationFailure', () => {
  it('is null for anything but a ModelLocationError', () => {
    expect(locationFailure(new Error('x'))).toBeNull();
    expect(locationFailure(new ModelLocationError('not-found', 'm'))).toEqual({ reason: 'not-found', message: 'm' });
  });
});

describe('unavailableDevice', () => {
  it('refuses WebGPU without navigator.gpu, and lets WASM and a present GPU through', () => {
    vi.stubGlobal('navigator', {});
    expect(unavailableDevice('webgpu')).toEqual({
      reason: 'webgpu',
      message: 'WebGPU is not available in this browser (navigator.gpu is missing). Choose the WASM device instead.',
    });
    expect(unavailableDevice('wasm')).toBeNull();
    vi.stubGlobal('navigator', { gpu: {} });
    expect(unavailableDevice('webgpu')).toBeNull();
  });
});

describe('resolveModelLocation', () => {
  it('takes a fixed folder without any request, and otherwise probes the site with the given fetch', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => new Response('{"model_type":"bert"}'));
    const source = { remoteHost: 'https://hub.example', basePath: '/app/' };
    await expect(resolveModelLocation({ id: 'org/thing' }, source, { localModelPath: '/disk/models', fetch: fetchFn })).resolves.toEqual({
      from: 'site',
      localModelPath: '/disk/models',
    });
    expect(fetchFn).not.toHaveBeenCalled();
    await expect(resolveModelLocation({ id: 'org/thing' }, source, { fetch: fetchFn })).resolves.toEqual({ from: 'site', localModelPath: '/app/models/' });
    expect(fetchFn).toHaveBeenCalledWith('/app/models/org/thing/config.json');
  });
});
