import { describe, expect, it } from 'vitest';
import { RUNTIME_CACHE, RuntimeDownloadCancelled, dropStaleRuntimes, keepAllRuntimes, keptBytes, readRuntimeList, type RuntimeProgress } from './runtimeCache';

/** A CacheStorage with Map-backed caches (what the code under test uses of it). */
function fakeCaches() {
  const stores = new Map<string, Map<string, { body: string; type: string | null }>>();
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    return {
      match: async (url: string) => {
        const kept = store.get(url);
        return kept && new Response(kept.body, kept.type ? { headers: { 'content-type': kept.type } } : {});
      },
      put: async (url: string, response: Response) => void store.set(url, { body: await response.text(), type: response.headers.get('content-type') }),
      keys: async () => [...store.keys()].map((url) => new Request(url)),
      delete: async (request: Request) => store.delete(request.url),
    } as unknown as Cache;
  };
  return { storage: { open } as unknown as CacheStorage, stores };
}

const BASE = '/app/';
const FILES = [
  { url: 'assets/ort-wasm-a1b2c3d4.wasm', bytes: 10 },
  { url: 'assets/generator.worker-e5f6g7h8.js', bytes: 6 },
];
const abs = (url: string) => new URL(`${BASE}${url}`, 'http://localhost/').href;

function fakeFetch(bodies: Record<string, string>, requested: string[]) {
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    requested.push(url);
    const body = bodies[url];
    return body === undefined ? new Response('missing', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/wasm' } });
  }) as typeof fetch;
}

describe('the runtimes kept for offline use', () => {
  it('reads the build list and refuses a malformed one', async () => {
    const ok = (async () => new Response(JSON.stringify({ files: [...FILES, { url: 3 }] }))) as unknown as typeof fetch;
    expect(await readRuntimeList(BASE, ok)).toEqual(FILES);
    const html = (async () => new Response('<!doctype html>')) as unknown as typeof fetch;
    expect(await readRuntimeList(BASE, html)).toBeNull();
    const missing = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    expect(await readRuntimeList(BASE, missing)).toBeNull();
  });

  it('fetches only what is not kept yet, with progress up to the total, into the service worker cache', async () => {
    const { storage, stores } = fakeCaches();
    await (await storage.open(RUNTIME_CACHE)).put(abs(FILES[0]!.url), new Response('0123456789'));
    const requested: string[] = [];
    const progress: RuntimeProgress[] = [];
    await keepAllRuntimes(BASE, FILES, (p) => progress.push(p), new AbortController().signal, {
      fetch: fakeFetch({ [abs(FILES[1]!.url)]: 'abcdef' }, requested),
      caches: storage,
    });
    expect(requested).toEqual([abs(FILES[1]!.url)]);
    expect(progress[0]).toEqual({ loaded: 10, total: 16 });
    expect(progress.at(-1)).toEqual({ loaded: 16, total: 16 });
    expect(stores.get(RUNTIME_CACHE)!.get(abs(FILES[1]!.url))).toEqual({ body: 'abcdef', type: 'application/wasm' });
    expect(await keptBytes(BASE, FILES, storage)).toBe(16);
  });

  it('stops on a failed file with its name, keeping what came before; a cancelled download says so', async () => {
    const { storage } = fakeCaches();
    await expect(
      keepAllRuntimes(BASE, FILES, () => undefined, new AbortController().signal, {
        fetch: fakeFetch({ [abs(FILES[0]!.url)]: '0123456789' }, []),
        caches: storage,
      }),
    ).rejects.toThrow('assets/generator.worker-e5f6g7h8.js: HTTP 404');
    expect(await keptBytes(BASE, FILES, storage)).toBe(10);
    const controller = new AbortController();
    controller.abort();
    await expect(keepAllRuntimes(BASE, FILES, () => undefined, controller.signal, { fetch: fakeFetch({}, []), caches: storage })).rejects.toBeInstanceOf(
      RuntimeDownloadCancelled,
    );
  });

  it('drops the build files an update left behind, and keeps the current ones', async () => {
    const { storage, stores } = fakeCaches();
    const cache = await storage.open(RUNTIME_CACHE);
    await cache.put(abs(FILES[0]!.url), new Response('x'));
    await cache.put(abs('assets/ort-wasm-oldhash1.wasm'), new Response('x'));
    expect(await dropStaleRuntimes(BASE, FILES, storage)).toBe(1);
    expect([...stores.get(RUNTIME_CACHE)!.keys()]).toEqual([abs(FILES[0]!.url)]);
  });
});
