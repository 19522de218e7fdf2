// Whether each embedding, reranker and chat model can load here, worked out on open: the models the site
// serves (models/models.json, or a models/<id>/config.json there), those in the browser's caches (the
// listing of modelCacheStore), and whether the model host answered ONE small request (a HEAD of one
// model's config.json, 5 s at most). Checked again when the host setting changes, when the browser goes
// on- or offline, and whenever the cache listing changes. Until the user picks an embedding model, the
// default follows: the best one the site serves or the browser keeps, else the hub default when the host
// answers, else the built-in LSA embedder. Likewise for each chat engine, where a chat model loads with no
// network (on the site or in the browser), it becomes the default until the user picks one.
import { useMemo } from 'react';
import { create } from 'zustand';
import {
  BUILTIN_LSA_MODEL_ID,
  availabilityOf,
  chooseDefaultModel,
  embeddingPreferenceOrder,
  isLocal,
  type AvailabilityFacts,
  type HostReach,
} from '@openbook/core/modelAvailability';
import type { CachedModel } from '@openbook/core/cachedModels';
import { BUILTIN_EMBEDDING_MODELS, parseModelManifest } from '../../adapters/embedder/embeddingModels';
import { BUILTIN_RERANK_MODELS, parseRerankManifest } from '../../adapters/reranker/rerankModels';
import { DEFAULT_TRANSFORMERS_CHAT_MODEL, TRANSFORMERS_CHAT_MODELS, parseChatManifest } from '../../adapters/generator/transformersChatModels';
import { CHAT_MODELS } from '../../adapters/generator/chatModels';
import { normaliseBasePath } from '../../adapters/transformers/modelLocation';
import { DEFAULT_CHAT_MODEL, applyDefaultChatModel, useGenerationStore } from '../generation/generationStore';
import { useGpuStore } from './gpuStore';
import { DEFAULT_EMBEDDING_MODEL, applyDefaultEmbeddingModel, useIndexStore } from '../embedding/indexStore';
import { useModelCacheStore } from './modelCacheStore';
import { selectModelHost, useSettingsStore } from './settingsStore';
import { fetchSiteManifest } from './siteManifest';

interface ModelAvailabilityState {
  /** The models the site serves; null until the site has been asked. */
  siteIds: string[] | null;
  /** Whether the model host answered. */
  host: HostReach;
}

export const useModelAvailabilityStore = create<ModelAvailabilityState>()(() => ({ siteIds: null, host: 'checking' }));

/** What the checks use; tests pass fakes. */
export interface AvailabilityDeps {
  fetch: typeof fetch;
  siteManifest: () => Promise<unknown>;
  /** How long the host may take to answer, in ms. */
  hostTimeoutMs: number;
}

const defaultDeps = (): AvailabilityDeps => ({
  fetch: (...args) => globalThis.fetch(...args),
  siteManifest: fetchSiteManifest,
  hostTimeoutMs: 5000,
});

/** The model whose config.json is asked of the host: any hub model would do; this one is the default. */
export const HOST_PROBE_MODEL = DEFAULT_EMBEDDING_MODEL;

/** The URL of the one request sent to the model host (HEAD, so nothing is downloaded). */
export const hostProbeUrl = (host: string): string => `${host.replace(/\/+$/, '')}/${HOST_PROBE_MODEL}/resolve/main/config.json`;

/** Every model id that models.json lists, whichever section (built-in ids included). */
function manifestIds(manifest: unknown): string[] {
  let embedding: string[] = [];
  try {
    embedding = parseModelManifest(manifest).map((m) => m.id);
  } catch {
    // no usable "embedding" list: the embedding step reports it
  }
  return [...embedding, ...parseRerankManifest(manifest).map((m) => m.id), ...parseChatManifest(manifest).map((m) => m.id)];
}

/**
 * Whether the site serves `models/<id>/config.json` as JSON (not an index.html fallback). A HEAD: nothing
 * is downloaded, and the service worker neither answers nor caches it (it keeps GETs only), so a model
 * the site lacks never shows up among the cached ones.
 */
async function siteHasConfig(id: string, deps: AvailabilityDeps): Promise<boolean> {
  try {
    const response = await deps.fetch(`${normaliseBasePath(import.meta.env.BASE_URL)}models/${id}/config.json`, { method: 'HEAD' });
    return response.ok && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}

/** The models the site serves: those models.json lists, and built-in ones it has a folder for. */
async function siteModelIds(deps: AvailabilityDeps): Promise<string[]> {
  let listed: string[] = [];
  try {
    listed = manifestIds(await deps.siteManifest());
  } catch {
    // an unreadable models.json: the embedding step reports it
  }
  const builtIn = [...BUILTIN_EMBEDDING_MODELS, ...BUILTIN_RERANK_MODELS, ...TRANSFORMERS_CHAT_MODELS].map((m) => m.id);
  const unlisted = [...new Set(builtIn)].filter((id) => !listed.includes(id));
  const served = await Promise.all(unlisted.map((id) => siteHasConfig(id, deps)));
  return [...new Set([...listed, ...unlisted.filter((_, i) => served[i])])];
}

/** Whether `host` answers (any HTTP status) within the time allowed. */
async function hostAnswers(host: string, deps: AvailabilityDeps): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.hostTimeoutMs);
  try {
    await deps.fetch(hostProbeUrl(host), { method: 'HEAD', cache: 'no-store', signal: controller.signal });
    return true;
  } catch {
    return false; // refused, offline, no CORS, or too slow
  } finally {
    clearTimeout(timer);
  }
}

/** How long a changed host setting must stay the same before the new host is asked, in ms. */
const HOST_CHANGE_DELAY_MS = 400;
let hostChange: ReturnType<typeof setTimeout> | undefined;

/** Raised by each host check: an older check's answer is ignored. */
let hostCheck = 0;

/** Ask the configured model host again. */
async function checkHost(deps: AvailabilityDeps): Promise<void> {
  const run = ++hostCheck;
  const host = selectModelHost(useSettingsStore.getState());
  useModelAvailabilityStore.setState({ host: 'checking' });
  const reach: HostReach = host && (await hostAnswers(host, deps)) ? 'reachable' : 'unreachable';
  if (run === hostCheck) useModelAvailabilityStore.setState({ host: reach });
}

/** A cached model counts only with its weights (not just the config.json the service worker keeps). */
const hasWeights = (model: CachedModel): boolean => model.entries.some((e) => e.cache === 'webllm/model' || /\.onnx(_data)?$/.test(e.url));

/** The ids of the models in the browser's caches; a WebLLM model also by its bare name (its id in the app). */
function cachedIds(models: readonly CachedModel[]): Set<string> {
  const ids = new Set<string>();
  for (const model of models.filter(hasWeights)) {
    ids.add(model.id);
    if (model.engine === 'WebLLM') ids.add(model.id.split('/').pop() ?? model.id);
  }
  return ids;
}

/** Everything known, or null while the site or the cache listing is still unknown. */
function factsFrom(
  siteIds: readonly string[] | null,
  host: HostReach,
  cache: { models: readonly CachedModel[] | null; available: boolean; error: unknown },
): AvailabilityFacts | null {
  // Without a Cache API, or when the listing failed, the browser keeps nothing the app can see.
  const cached = cache.models ?? (cache.available && !cache.error ? null : []);
  if (!siteIds || !cached) return null;
  return { siteIds: new Set(siteIds), cachedIds: cachedIds(cached), host };
}

/** The facts now. */
export function currentFacts(): AvailabilityFacts | null {
  const { siteIds, host } = useModelAvailabilityStore.getState();
  return factsFrom(siteIds, host, useModelCacheStore.getState());
}

/** Everything known, kept up to date (null while the site or the cache listing is still unknown). */
export function useAvailabilityFacts(): AvailabilityFacts | null {
  const siteIds = useModelAvailabilityStore((s) => s.siteIds);
  const host = useModelAvailabilityStore((s) => s.host);
  const models = useModelCacheStore((s) => s.models);
  const available = useModelCacheStore((s) => s.available);
  const error = useModelCacheStore((s) => s.error);
  return useMemo(() => factsFrom(siteIds, host, { models, available, error }), [siteIds, host, models, available, error]);
}

/** The default embedding model now, or null while it may still change. */
export function defaultEmbeddingModel(): string | null {
  const facts = currentFacts();
  if (!facts) return null;
  const models = useIndexStore.getState().models;
  const availability = Object.fromEntries(models.map((m) => [m.id, availabilityOf(m, facts)]));
  const ordered = embeddingPreferenceOrder(models.filter((m) => m.id !== BUILTIN_LSA_MODEL_ID)).map((m) => m.id);
  // The hub default first: it wins among the downloadable ones (and is multilingual when local).
  const candidates = preferring(DEFAULT_EMBEDDING_MODEL, ordered);
  // Until the LSA embedder is in the list, nothing better than the hub default is there to fall back on.
  const fallback = models.some((m) => m.id === BUILTIN_LSA_MODEL_ID) ? BUILTIN_LSA_MODEL_ID : DEFAULT_EMBEDDING_MODEL;
  return chooseDefaultModel(candidates, availability, fallback);
}

/** The preferred id first, then the others in list order. */
const preferring = (preferred: string, ids: readonly string[]): string[] =>
  ids.includes(preferred) ? [preferred, ...ids.filter((id) => id !== preferred)] : [...ids];

/**
 * Each chat engine's default where one of its models loads with no network (the site serves it or the
 * browser keeps it; the engine's own default first), else null: the engine keeps its usual default.
 * WebLLM's f16 builds count only on a GPU known to have shader-f16.
 */
export function localChatDefaults(facts: AvailabilityFacts): { webllm: string | null; transformers: string | null } {
  const local = (models: readonly { id: string; selfHostedOnly?: boolean }[], preferred: string) =>
    preferring(
      preferred,
      models.filter((m) => isLocal(availabilityOf(m, facts))).map((m) => m.id),
    )[0] ?? null;
  const shaderF16 = useGpuStore.getState().caps?.shaderF16 === true;
  return {
    webllm: local(
      CHAT_MODELS.filter((m) => shaderF16 || !m.needsShaderF16),
      DEFAULT_CHAT_MODEL,
    ),
    transformers: local(useGenerationStore.getState().transformersModels, DEFAULT_TRANSFORMERS_CHAT_MODEL),
  };
}

/** Follow the defaults, unless the user chose a model. */
function applyDefaults(): void {
  if (!useIndexStore.getState().modelChosen) {
    const id = defaultEmbeddingModel();
    if (id) applyDefaultEmbeddingModel(id);
  }
  const facts = currentFacts();
  if (facts && !useGenerationStore.getState().modelChosen) {
    const chat = localChatDefaults(facts);
    if (chat.webllm) applyDefaultChatModel('webllm', chat.webllm);
    if (chat.transformers) applyDefaultChatModel('transformers', chat.transformers);
  }
}

/**
 * Work out every model's availability and keep it up to date; apply the default embedding model. `ready`
 * resolves once the site and the host have answered (or failed to); stop() ends the updates.
 */
export function startModelAvailability(deps: AvailabilityDeps = defaultDeps()): { ready: Promise<void>; stop(): void } {
  const unsubscribers = [
    useModelAvailabilityStore.subscribe(applyDefaults),
    useModelCacheStore.subscribe((s, prev) => {
      if (s.models !== prev.models || s.error !== prev.error) applyDefaults();
    }),
    useIndexStore.subscribe((s, prev) => {
      if (s.models !== prev.models || s.phase !== prev.phase || s.modelChosen !== prev.modelChosen) applyDefaults();
    }),
    useGenerationStore.subscribe((s, prev) => {
      if (s.transformersModels !== prev.transformersModels || s.phase !== prev.phase || s.modelChosen !== prev.modelChosen) applyDefaults();
    }),
    useGpuStore.subscribe((s, prev) => {
      if (s.caps !== prev.caps) applyDefaults();
    }),
    useSettingsStore.subscribe((s, prev) => {
      if (selectModelHost(s) === selectModelHost(prev)) return;
      // Typing a custom host changes it at each key: ask only once it has stayed the same a moment.
      hostCheck++; // an answer from the host before is no longer news
      useModelAvailabilityStore.setState({ host: 'checking' });
      clearTimeout(hostChange);
      hostChange = setTimeout(() => void checkHost(deps), HOST_CHANGE_DELAY_MS);
    }),
  ];
  const recheckHost = () => void checkHost(deps);
  if (typeof window !== 'undefined') {
    window.addEventListener('online', recheckHost);
    window.addEventListener('offline', recheckHost);
  }
  const site = (async () => {
    // The site's embedding models join the list first, so that the default can be one of them.
    await useIndexStore.getState().loadSiteModels();
    useModelAvailabilityStore.setState({ siteIds: await siteModelIds(deps) });
  })();
  const ready = Promise.all([site, checkHost(deps)]).then(() => undefined);
  return {
    ready,
    stop() {
      clearTimeout(hostChange);
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', recheckHost);
        window.removeEventListener('offline', recheckHost);
      }
    },
  };
}
