// locateModel finds a model in transformers.js' browser cache (served by the site before, or imported from
// a folder) without any request; otherwise it asks the site, then falls back to the hub.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locateModel } from './modelLocation';

const source = { remoteHost: 'https://huggingface.co', basePath: '/openbook/' };

/** A Cache API holding these URLs' bodies in 'transformers-cache'. */
function fakeCaches(entries: Record<string, string>) {
  const cache = { match: async (url: string) => (url in entries ? new Response(entries[url]) : undefined) };
  return { open: async (name: string) => (name === 'transformers-cache' ? cache : { match: async () => undefined }) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('locateModel', () => {
  it('takes a cached config.json as the site serving the model, and makes no request', async () => {
    vi.stubGlobal('caches', fakeCaches({ '/openbook/models/org/model/config.json': '{"model_type":"bert"}' }));
    const fetchFn = vi.fn<typeof fetch>();
    await expect(locateModel({ id: 'org/model', selfHostedOnly: true }, source, fetchFn)).resolves.toEqual({
      from: 'site',
      localModelPath: '/openbook/models/',
    });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('asks the site when the cache does not have it, and goes to the hub when the site does not either', async () => {
    vi.stubGlobal('caches', fakeCaches({ '/openbook/models/org/model/config.json': '<!doctype html>' }));
    const fetchFn = vi.fn<typeof fetch>(async () => new Response('Not found', { status: 404 }));
    await expect(locateModel({ id: 'org/model' }, source, fetchFn)).resolves.toEqual({ from: 'remote', remoteHost: 'https://huggingface.co/' });
    expect(fetchFn).toHaveBeenCalledWith('/openbook/models/org/model/config.json');
  });

  it('works where there is no Cache API at all (Node)', async () => {
    const fetchFn = vi.fn<typeof fetch>(async () => new Response('{"a":1}'));
    await expect(locateModel({ id: 'org/model' }, source, fetchFn)).resolves.toEqual({ from: 'site', localModelPath: '/openbook/models/' });
  });
});
