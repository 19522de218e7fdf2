// The availability of each model worked out on open, with a fake fetch standing in for the site and the
// model host (no network): the host answers or not, the site lists a model, the browser keeps one; and the
// default embedding model that follows, unless the user chose one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedModel } from '@openbook/core/cachedModels';

const HUB = 'https://huggingface.co';
const SITE_MODEL = {
  id: 'site/embedder',
  label: 'Site embedder',
  dimension: 8,
  sizeMB: 1,
  queryPrefix: '',
  passagePrefix: '',
  languages: ['en', 'zh'],
  maxTokens: 128,
  selfHostedOnly: true,
};

interface FakeNetwork {
  /** models.json, or null for none (404). */
  manifest: unknown;
  /** How the host answers the probe: 'answer', 'refuse' (the request fails), or 'hang' (until aborted). */
  host: 'answer' | 'refuse' | 'hang';
  /** Model folders the site serves without listing them in models.json. */
  siteFolders: string[];
  /** Every URL asked, with its method. */
  requests: string[];
}

let network: FakeNetwork;

function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  network.requests.push(`${init?.method ?? 'GET'} ${url}`);
  if (url === '/models/models.json') {
    return Promise.resolve(network.manifest === null ? new Response('', { status: 404 }) : Response.json(network.manifest));
  }
  if (network.siteFolders.some((id) => url === `/models/${id}/config.json`)) return Promise.resolve(Response.json({}));
  if (url.startsWith('/')) return Promise.resolve(new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } })); // index.html fallback
  if (network.host === 'answer') return Promise.resolve(new Response(null, { status: 200 }));
  if (network.host === 'refuse') return Promise.reject(new TypeError('Failed to fetch'));
  return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
}

/** Fresh modules (the site manifest is fetched once per page) with the fake network in place. */
async function load() {
  vi.resetModules();
  vi.stubGlobal('fetch', fakeFetch);
  const availability = await import('./modelAvailabilityStore');
  const { useIndexStore, DEFAULT_EMBEDDING_MODEL } = await import('../embedding/indexStore');
  const { useModelCacheStore } = await import('./modelCacheStore');
  const { useSettingsStore } = await import('./settingsStore');
  const { useGenerationStore, DEFAULT_CHAT_MODEL } = await import('../generation/generationStore');
  return { ...availability, useIndexStore, useModelCacheStore, useSettingsStore, useGenerationStore, DEFAULT_EMBEDDING_MODEL, DEFAULT_CHAT_MODEL };
}

/** A model the browser's caches hold, with its weights. */
const cachedModel = (id: string, engine: CachedModel['engine'] = 'transformers.js'): CachedModel => ({
  id,
  engine,
  bytes: 10,
  entries: [{ cache: engine === 'WebLLM' ? 'webllm/model' : 'transformers-cache', url: `${HUB}/${id}/resolve/main/onnx/model.onnx`, bytes: 10 }],
});

beforeEach(() => {
  localStorage.clear();
  network = { manifest: null, host: 'answer', siteFolders: [], requests: [] };
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('model availability', () => {
  it('calls hub models downloadable when the host answers one request, and defaults to the hub default', async () => {
    const s = await load();
    s.useIndexStore.setState({ modelId: 'Xenova/all-MiniLM-L6-v2' });
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.currentFacts()?.host).toBe('reachable');
    const hostRequests = network.requests.filter((r) => r.includes(HUB));
    expect(hostRequests).toEqual([`HEAD ${HUB}/Xenova/multilingual-e5-small/resolve/main/config.json`]);
    expect(s.useIndexStore.getState().modelId).toBe(s.DEFAULT_EMBEDDING_MODEL);
    stop();
  });

  it('calls hub models unreachable when the request fails, and falls back to the LSA embedder', async () => {
    network.host = 'refuse';
    const s = await load();
    const lsa = { ...SITE_MODEL, id: 'openbook/lsa', label: 'LSA', selfHostedOnly: false };
    s.useIndexStore.setState({ models: [...s.useIndexStore.getState().models, lsa] });
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.currentFacts()?.host).toBe('unreachable');
    expect(s.useIndexStore.getState().modelId).toBe('openbook/lsa');
    stop();
  });

  it('calls the host unreachable when it does not answer within 5 s', async () => {
    vi.useFakeTimers();
    network.host = 'hang';
    const s = await load();
    const { ready, stop } = s.startModelAvailability();
    await vi.advanceTimersByTimeAsync(5000);
    await ready;
    expect(s.currentFacts()?.host).toBe('unreachable');
    stop();
  });

  it('calls a model the site lists "on this site", and makes it the default', async () => {
    network.manifest = { embedding: [SITE_MODEL] };
    network.siteFolders = ['Xenova/bge-small-zh-v1.5'];
    const s = await load();
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.currentFacts()?.siteIds.has(SITE_MODEL.id)).toBe(true);
    // A built-in model is on the site where its config.json is there as JSON; not where index.html answers.
    expect(s.currentFacts()?.siteIds.has('Xenova/bge-small-zh-v1.5')).toBe(true);
    expect(s.currentFacts()?.siteIds.has('Xenova/all-MiniLM-L6-v2')).toBe(false);
    expect(s.useIndexStore.getState().modelId).toBe(SITE_MODEL.id);
    stop();
  });

  it('calls a model the browser keeps "in this browser", a WebLLM one by its bare name, and makes it the default', async () => {
    network.host = 'refuse';
    const s = await load();
    s.useModelCacheStore.setState({ available: true, models: null });
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.currentFacts()).toBeNull(); // the cache listing is not there yet
    s.useModelCacheStore.setState({
      models: [cachedModel('Xenova/bge-small-en-v1.5'), cachedModel('mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC', 'WebLLM')],
    });
    const cached = s.currentFacts()?.cachedIds;
    expect(cached?.has('Xenova/bge-small-en-v1.5')).toBe(true);
    expect(cached?.has('SmolLM2-360M-Instruct-q4f16_1-MLC')).toBe(true);
    expect(s.useIndexStore.getState().modelId).toBe('Xenova/bge-small-en-v1.5');
    stop();
  });

  it('keeps the model the user chose', async () => {
    network.manifest = { embedding: [SITE_MODEL] };
    const s = await load();
    s.useIndexStore.getState().setModel('Xenova/bge-small-zh-v1.5');
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.useIndexStore.getState().modelId).toBe('Xenova/bge-small-zh-v1.5');
    expect(s.useIndexStore.getState().modelChosen).toBe(true);
    stop();
  });

  it('asks the host again when the host setting changes', async () => {
    const s = await load();
    const { ready, stop } = s.startModelAvailability();
    await ready;
    network.host = 'refuse';
    const settled = new Promise<void>((resolve) => {
      const off = s.useModelAvailabilityStore.subscribe((state) => {
        if (state.host === 'unreachable') {
          off();
          resolve();
        }
      });
    });
    s.useSettingsStore.getState().setModelSource('hf-mirror');
    await settled;
    expect(network.requests.at(-1)).toBe('HEAD https://hf-mirror.com/Xenova/multilingual-e5-small/resolve/main/config.json');
    stop();
  });

  it('makes a chat model the site serves, or the browser keeps, the default of its engine', async () => {
    network.host = 'refuse';
    network.manifest = { chat: [{ id: 'site/chat', label: 'Site chat', languages: ['en'], selfHostedOnly: true }] };
    const s = await load();
    s.useModelCacheStore.setState({ available: true, models: [cachedModel('mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC', 'WebLLM')] });
    await s.useGenerationStore.getState().loadSiteModels();
    const { ready, stop } = s.startModelAvailability();
    await ready;
    const { modelIds, modelChosen } = s.useGenerationStore.getState();
    expect(modelIds.transformers).toBe('site/chat');
    expect(modelIds.webllm).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
    expect(modelChosen).toBe(false);
    stop();
  });

  it('leaves a WebLLM f16 build alone where the GPU is not known to have shader-f16, and a chat model the user chose', async () => {
    network.host = 'refuse';
    const s = await load();
    s.useModelCacheStore.setState({ available: true, models: [cachedModel('mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC', 'WebLLM')] });
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.useGenerationStore.getState().modelIds.webllm).toBe(s.DEFAULT_CHAT_MODEL);
    s.useGenerationStore.getState().setModel('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    s.useModelCacheStore.setState({ models: [cachedModel('mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC', 'WebLLM')] });
    expect(s.useGenerationStore.getState().modelIds.webllm).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    stop();
  });

  it('keeps a model picked before the choice was recorded (saved settings of version 0)', async () => {
    network.manifest = { embedding: [SITE_MODEL] };
    localStorage.setItem('openbook.embedding', JSON.stringify({ state: { modelId: 'Xenova/bge-small-en-v1.5', devicePreference: 'auto' }, version: 0 }));
    const s = await load();
    const { ready, stop } = s.startModelAvailability();
    await ready;
    expect(s.useIndexStore.getState().modelChosen).toBe(true);
    expect(s.useIndexStore.getState().modelId).toBe('Xenova/bge-small-en-v1.5');
    stop();
  });
});
