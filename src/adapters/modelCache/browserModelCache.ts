// The browser caches (Cache API) that hold downloaded models: transformers.js' 'transformers-cache' (also
// where a model folder imported from disk goes), WebLLM's 'webllm/model', 'webllm/config' and
// 'webllm/wasm' (the app uses WebLLM's default Cache API backend, not its IndexedDB one), and the service
// worker's 'openbook-site-models' (the site's models.json and config.json files).
import type { CacheEntry } from '@openbook/core/cachedModels';
import { TRANSFORMERS_CACHE } from '../transformers/modelLocation';

export const MODEL_CACHES = [TRANSFORMERS_CACHE, 'webllm/model', 'webllm/config', 'webllm/wasm', 'openbook-site-models'] as const;

export const hasCacheApi = (): boolean => typeof caches !== 'undefined';

/** A response's body size: its Content-Length, or the size of the body itself. */
async function bodySize(response: Response): Promise<number> {
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) return length;
  return (await response.blob()).size;
}

/** Every entry of the model caches, with its size. */
export async function listCacheEntries(): Promise<CacheEntry[]> {
  if (!hasCacheApi()) return [];
  const entries: CacheEntry[] = [];
  for (const name of MODEL_CACHES) {
    if (!(await caches.has(name))) continue; // opening would create it
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (response) entries.push({ cache: name, url: request.url, bytes: await bodySize(response) });
    }
  }
  return entries;
}

/** Delete these entries from their caches. */
export async function deleteCacheEntries(entries: readonly CacheEntry[]): Promise<void> {
  for (const name of new Set(entries.map((e) => e.cache))) {
    const cache = await caches.open(name);
    for (const entry of entries) if (entry.cache === name) await cache.delete(entry.url);
  }
}

const CONTENT_TYPES: Record<string, string> = { json: 'application/json', onnx: 'application/octet-stream', txt: 'text/plain' };

/**
 * Put a model's files into transformers.js' cache under the URLs the site would serve them at
 * (`<site models URL><id>/<path>`): loading the model then finds every file there and makes no request.
 */
export async function putModelFiles(
  siteModelsUrl: string,
  id: string,
  files: readonly { path: string; file: Blob }[],
  onFile: (done: number, total: number) => void,
): Promise<number> {
  const cache = await caches.open(TRANSFORMERS_CACHE);
  let bytes = 0;
  for (const [i, { path, file }] of files.entries()) {
    const type = CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream';
    const url = new URL(`${id}/${path}`, siteModelsUrl).href;
    await cache.put(url, new Response(file, { headers: { 'content-type': type, 'content-length': String(file.size) } }));
    bytes += file.size;
    onFile(i + 1, files.length);
  }
  return bytes;
}
