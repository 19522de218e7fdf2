// The large runtimes the service worker does not precache (ONNX Runtime's wasm, transformers.js, WebLLM, the
// PDF reader, Voy, umap-js: listed by the build in offline-runtimes.json, see scripts/offline-runtimes.ts).
// The service worker keeps each one in RUNTIME_CACHE the first time it is used; here the page can fetch
// them all at once into the same cache (with progress, cancellable), and drop the copies an update left behind.

/** The service worker's runtime cache for the build's files (vite.config.ts, runtimeCaching). */
export const RUNTIME_CACHE = 'openbook-runtimes';
export const RUNTIMES_FILE = 'offline-runtimes.json';

export interface RuntimeFile {
  /** Relative to the site's base, e.g. assets/ort-wasm-simd-threaded.asyncify-xxxx.wasm */
  url: string;
  bytes: number;
}

export interface RuntimeProgress {
  /** Bytes kept so far, those already in the cache included. */
  loaded: number;
  total: number;
}

export class RuntimeDownloadCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'RuntimeDownloadCancelled';
  }
}

/** The build's list of runtimes; null where there is none (the dev server) or it cannot be read. */
export async function readRuntimeList(basePath: string, fetchFn: typeof fetch = globalThis.fetch): Promise<RuntimeFile[] | null> {
  try {
    const response = await fetchFn(`${basePath}${RUNTIMES_FILE}`);
    if (!response.ok) return null;
    const data = (await response.json()) as { files?: unknown };
    if (!Array.isArray(data.files)) return null;
    return data.files.filter(
      (f): f is RuntimeFile => typeof f === 'object' && f !== null && typeof f.url === 'string' && typeof f.bytes === 'number' && f.bytes >= 0,
    );
  } catch {
    return null;
  }
}

const absolute = (basePath: string, file: RuntimeFile) => new URL(`${basePath}${file.url}`, globalThis.location?.href ?? 'http://localhost/').href;

// Matched with ignoreVary: what the service worker kept on first use may carry a server's `Vary: Origin`
// (module scripts are fetched with an Origin header), which a plain URL would otherwise not match.

/** How many of the bytes are already kept in the runtime cache. */
export async function keptBytes(basePath: string, files: RuntimeFile[], cacheStorage: CacheStorage = caches): Promise<number> {
  const cache = await cacheStorage.open(RUNTIME_CACHE);
  let kept = 0;
  for (const file of files) if (await cache.match(absolute(basePath, file), { ignoreVary: true })) kept += file.bytes;
  return kept;
}

/**
 * Fetch every runtime that is not yet kept into the runtime cache, one after another, reporting the bytes
 * as they arrive. Rejects with RuntimeDownloadCancelled when `signal` is aborted, or with the first failure
 * (what was kept before it stays kept).
 */
export async function keepAllRuntimes(
  basePath: string,
  files: RuntimeFile[],
  onProgress: (progress: RuntimeProgress) => void,
  signal: AbortSignal,
  deps: { fetch?: typeof fetch; caches?: CacheStorage } = {},
): Promise<void> {
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const cache = await (deps.caches ?? caches).open(RUNTIME_CACHE);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  let loaded = 0;
  const missing: RuntimeFile[] = [];
  for (const file of files) {
    if (await cache.match(absolute(basePath, file), { ignoreVary: true })) loaded += file.bytes;
    else missing.push(file);
  }
  onProgress({ loaded, total });
  for (const file of missing) {
    if (signal.aborted) throw new RuntimeDownloadCancelled();
    const url = absolute(basePath, file);
    let response: Response;
    try {
      response = await fetchFn(url, { signal, cache: 'no-cache' });
    } catch (error) {
      if (signal.aborted) throw new RuntimeDownloadCancelled();
      throw error;
    }
    if (!response.ok || !response.body) throw new Error(`${file.url}: HTTP ${response.status}`);
    const parts: Uint8Array[] = [];
    const reader = response.body.getReader();
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        // A file larger than listed (a server that compresses) never takes the total past itself.
        onProgress({ loaded: loaded + Math.min(received, file.bytes), total });
      }
    } catch (error) {
      if (signal.aborted) throw new RuntimeDownloadCancelled();
      throw error;
    }
    // Kept without `Vary` (a server's `Vary: Origin` would keep a module script's request from matching it).
    const headers = new Headers(response.headers);
    headers.delete('vary');
    await cache.put(url, new Response(new Blob(parts as BlobPart[]), { status: response.status, statusText: response.statusText, headers }));
    loaded += file.bytes;
    onProgress({ loaded, total });
  }
}

/**
 * Remove from the runtime cache the build files that the current build does not list: copies an update left
 * behind (every file of a build carries its content hash, so a new version's files have new names).
 */
export async function dropStaleRuntimes(basePath: string, files: RuntimeFile[], cacheStorage: CacheStorage = caches): Promise<number> {
  const cache = await cacheStorage.open(RUNTIME_CACHE);
  const current = new Set(files.map((f) => absolute(basePath, f)));
  let dropped = 0;
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.pathname.includes('/assets/') && !current.has(url.href)) {
      await cache.delete(request);
      dropped++;
    }
  }
  return dropped;
}
