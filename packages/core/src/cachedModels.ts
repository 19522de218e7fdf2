// Which model a cached file belongs to, from its URL, and the cached files grouped by model: for the
// "Models and storage" panel. Also: which model folders a folder chosen from disk holds. Pure (no DOM).

/** One response in one of the browsers' caches (Cache API). */
export interface CacheEntry {
  /** The cache's name, e.g. 'transformers-cache' or 'webllm/model'. */
  cache: string;
  url: string;
  bytes: number;
}

export type ModelEngine = 'transformers.js' | 'WebLLM';

/** The cached files of one model. */
export interface CachedModel {
  id: string;
  engine: ModelEngine;
  bytes: number;
  entries: CacheEntry[];
}

/** A WebLLM model library (…/<model>-ctx4k_cs1k-webgpu.wasm): the model name it was compiled for. */
function webllmLibraryModel(file: string): string | null {
  const match = /^(.+?)(?:-ctx\w+)?-webgpu\.wasm$/.exec(file);
  return match?.[1] ?? null;
}

/**
 * The model id a cached URL belongs to, or null when it is not a model file: a site's own model
 * (`<siteModelsPath><org>/<name>/<file>`), a hub file (`…/<org>/<name>/resolve/<revision>/<file>`), or a
 * WebLLM model library (returned as 'webllm-lib:<model name>').
 */
export function modelOfCacheUrl(url: string, siteModelsPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost/').pathname);
  } catch {
    return null;
  }
  if (path.startsWith(siteModelsPath)) {
    const parts = path.slice(siteModelsPath.length).split('/');
    return parts.length >= 3 && parts[0] && parts[1] ? `${parts[0]}/${parts[1]}` : null;
  }
  const hub = /\/([^/]+)\/([^/]+)\/resolve\/[^/]+\/.+$/.exec(path);
  if (hub) return `${hub[1]}/${hub[2]}`;
  const library = webllmLibraryModel(path.split('/').pop() ?? '');
  return library ? `webllm-lib:${library}` : null;
}

/**
 * Group cache entries by model, largest first. A WebLLM model library joins its model's weights
 * (`<org>/<model name>-MLC`) when those are cached too; entries of no model are left out.
 */
export function groupByModel(entries: readonly CacheEntry[], siteModelsPath: string): CachedModel[] {
  const groups = new Map<string, CachedModel>();
  for (const entry of entries) {
    const id = modelOfCacheUrl(entry.url, siteModelsPath);
    if (!id) continue;
    const engine: ModelEngine = entry.cache.startsWith('webllm/') ? 'WebLLM' : 'transformers.js';
    const group = groups.get(id) ?? { id, engine, bytes: 0, entries: [] };
    group.bytes += entry.bytes;
    group.entries.push(entry);
    if (engine === 'WebLLM') group.engine = 'WebLLM';
    groups.set(id, group);
  }
  for (const [id, library] of [...groups]) {
    if (!id.startsWith('webllm-lib:')) continue;
    const name = id.slice('webllm-lib:'.length);
    const owner = [...groups.values()].find((g) => !g.id.startsWith('webllm-lib:') && g.id.split('/')[1] === `${name}-MLC`);
    if (!owner) continue;
    owner.bytes += library.bytes;
    owner.entries.push(...library.entries);
    owner.engine = 'WebLLM';
    groups.delete(id);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.id.localeCompare(b.id));
}

/** A model found in a folder chosen from disk: its id and its files, by their path inside the model. */
export interface ModelFolder {
  id: string;
  files: { path: string; index: number }[];
}

const HIDDEN = /(^|\/)\./;

/**
 * The known models in a folder chosen from disk, from the files' relative paths (as the browser gives
 * them: '<chosen folder>/…'). A model is found where a config.json lies in a folder named like the model
 * (its full id '<org>/<name>' at the end of the path, or just '<name>'). index refers to `paths`.
 */
export function findModelFolders(paths: readonly string[], knownIds: readonly string[]): ModelFolder[] {
  const found: ModelFolder[] = [];
  const configDirs = paths.filter((p) => p === 'config.json' || p.endsWith('/config.json')).map((p) => p.slice(0, -'config.json'.length));
  for (const id of knownIds) {
    const name = id.split('/').pop()!;
    const dir = configDirs.find((d) => d === `${id}/` || d.endsWith(`/${id}/`)) ?? configDirs.find((d) => d === `${name}/` || d.endsWith(`/${name}/`));
    if (dir === undefined || found.some((f) => f.id === id)) continue;
    const files = paths
      .map((path, index) => ({ path: path.slice(dir.length), index, inside: path.startsWith(dir) }))
      .filter((f) => f.inside && f.path.length > 0 && !HIDDEN.test(f.path))
      .map(({ path, index }) => ({ path, index }));
    found.push({ id, files });
  }
  return found;
}
