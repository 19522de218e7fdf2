// Where transformers.js takes a model from: the site itself (models/<id>/ next to the app) or a hub host.
// Shared by the embedder, the reranker, the tokenizer and the transformers.js chat engine. Pure of
// transformers.js itself (the main thread imports it): configureEnvironment.ts sets the library's env.

/** Where model files are downloaded from in the user's browser. */
export interface ModelSource {
  /** Hub host for models not served by the site itself, e.g. 'https://huggingface.co'. */
  remoteHost: string;
  /** The app's base URL path (import.meta.env.BASE_URL), where a site may serve models/<id>/. */
  basePath: string;
}

/** Where load() takes a model from. */
export type ModelLocation = { from: 'site'; localModelPath: string } | { from: 'remote'; remoteHost: string };

/** The parts of a model description that decide where it comes from. */
export interface LocatableModel {
  id: string;
  /** Set for models that a site serves itself and that are not on the hub (test fixtures). */
  selfHostedOnly?: boolean;
}

/** The model cannot be located: a self-hosted-only model the site does not serve, or an unusable host. */
export class ModelLocationError extends Error {
  readonly reason: 'not-found' | 'bad-host';
  constructor(reason: 'not-found' | 'bad-host', message: string) {
    super(message);
    this.name = 'ModelLocationError';
    this.reason = reason;
  }
}

/**
 * The site path under which models/ lives, with a leading and trailing slash. transformers.js needs a
 * PATH here: an absolute http(s) URL as localModelPath breaks its tokenizer loading, so a URL is reduced
 * to its path. A relative base (Vite's base './') is taken from the site root.
 */
export function normaliseBasePath(basePath: string): string {
  let path = basePath.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) path = new URL(path).pathname;
  path = path.replace(/^(\.\/)+/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  if (!path.endsWith('/')) path = `${path}/`;
  return path;
}

/** The hub host with exactly one trailing slash, as transformers.js' env.remoteHost expects. */
export function normaliseRemoteHost(remoteHost: string): string {
  const host = remoteHost.trim();
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new ModelLocationError('bad-host', `The model host "${remoteHost}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ModelLocationError('bad-host', `The model host "${remoteHost}" must be an http(s) URL.`);
  }
  return host.replace(/\/+$/, '') + '/';
}

/**
 * Decide where a model comes from: the site when `${basePath}models/<id>/config.json` answers with JSON,
 * otherwise the hub. A model marked selfHostedOnly that the site does not serve is an error.
 */
export async function locateModel(model: LocatableModel, source: ModelSource, fetchFn: typeof fetch | undefined = globalThis.fetch): Promise<ModelLocation> {
  const base = normaliseBasePath(source.basePath);
  const probe = `${base}models/${model.id}/config.json`;
  // A model the site served before, or that was imported from a folder on disk, is in transformers.js'
  // browser cache under the site's URL: it loads from there with no request at all (also offline).
  let onSite = await isJsonObject(cachedResponse(probe));
  if (!onSite && fetchFn) {
    try {
      const response = await fetchFn(probe);
      // A site that answers every path with index.html would otherwise look like it serves the model.
      if (response.ok) onSite = await isJsonObject(Promise.resolve(response));
    } catch {
      onSite = false; // the request failed: not served here
    }
  }
  if (onSite) return { from: 'site', localModelPath: `${base}models/` };
  if (model.selfHostedOnly) {
    throw new ModelLocationError('not-found', `The model "${model.id}" is only available from the site that serves it, but ${probe} was not found there.`);
  }
  return { from: 'remote', remoteHost: normaliseRemoteHost(source.remoteHost) };
}

/** How a model loader is told where its models are: a fixed folder, or the fetch to probe the site with. */
export interface LocationOptions {
  /**
   * Load every model from this folder (it holds <id>/config.json, ...) instead of asking the site:
   * a filesystem path in Node (tests, scripts). In the browser, leave it unset: the loader probes
   * `${basePath}models/<id>/config.json` and falls back to the hub.
   */
  localModelPath?: string;
  /** The fetch used to probe the site (default: globalThis.fetch). */
  fetch?: typeof fetch;
}

/** Where a loader takes this model from: its fixed folder when it has one, otherwise as locateModel decides. */
export async function resolveModelLocation(model: LocatableModel, source: ModelSource, options: LocationOptions): Promise<ModelLocation> {
  if (options.localModelPath) return { from: 'site', localModelPath: options.localModelPath };
  return locateModel(model, source, options.fetch ?? globalThis.fetch);
}

/** The cache transformers.js keeps downloaded model files in (its env.cacheKey). */
export const TRANSFORMERS_CACHE = 'transformers-cache';

/** This URL's response in transformers.js' browser cache, if there is a Cache API and it holds one. */
async function cachedResponse(url: string): Promise<Response | undefined> {
  const cacheStorage = (globalThis as { caches?: CacheStorage }).caches;
  if (!cacheStorage) return undefined;
  try {
    const cache = await cacheStorage.open(TRANSFORMERS_CACHE);
    return await cache.match(url);
  } catch {
    return undefined;
  }
}

/** Whether the response holds a JSON object (a model's config.json, not an HTML page). */
async function isJsonObject(pending: Promise<Response | undefined>): Promise<boolean> {
  try {
    const response = await pending;
    if (!response?.ok) return false;
    const config: unknown = JSON.parse(await response.text());
    return typeof config === 'object' && config !== null && !Array.isArray(config);
  } catch {
    return false;
  }
}
