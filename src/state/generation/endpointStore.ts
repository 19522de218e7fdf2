// The OpenAI-compatible endpoint the user runs (Ollama, LM Studio, llama.cpp's server): its address, an
// optional API key, its context window, and the models it lists. The address and window are settings
// (localStorage); the key is kept in memory only, never stored.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import { stringUpTo, integerIn, schemaPersistOptions } from '../runtime/persistedSchema';
import { describeError } from '../runtime/errors';

export const DEFAULT_ENDPOINT_URL = 'http://localhost:11434/v1';
export const DEFAULT_ENDPOINT_CONTEXT = 4096;

export interface EndpointModelList {
  state: 'listing' | 'done' | 'failed';
  models: string[];
  /** Why listing failed: a GenerationError's code and message. */
  code?: string;
  detail?: string;
}

interface EndpointState {
  baseUrl: string;
  apiKey: string;
  /** Tokens of prompt plus answer the server's model takes (the server does not say; the user does). */
  contextWindow: number;
  list: EndpointModelList | null;
  setBaseUrl(url: string): void;
  setApiKey(key: string): void;
  setContextWindow(tokens: number): void;
  /** GET <base>/models: only when the user asks. */
  listModels(): Promise<void>;
}

export const useEndpointStore = create<EndpointState>()(
  persist(
    (set, get) => ({
      baseUrl: DEFAULT_ENDPOINT_URL,
      apiKey: '',
      contextWindow: DEFAULT_ENDPOINT_CONTEXT,
      list: null,
      setBaseUrl: (baseUrl) => set({ baseUrl, list: null }),
      setApiKey: (apiKey) => set({ apiKey }),
      setContextWindow: (tokens) => set({ contextWindow: Math.max(256, Math.round(tokens) || DEFAULT_ENDPOINT_CONTEXT) }),
      async listModels() {
        const { baseUrl, apiKey } = get();
        set({ list: { state: 'listing', models: [] } });
        try {
          const { OpenAIGenerator } = await import('../../adapters/generator/openaiGenerator');
          const models = await new OpenAIGenerator({ baseUrl, apiKey }).listModels();
          if (get().baseUrl === baseUrl) set({ list: { state: 'done', models } });
        } catch (err) {
          const code = (err as { code?: unknown })?.code;
          if (get().baseUrl === baseUrl)
            set({ list: { state: 'failed', models: [], code: typeof code === 'string' ? code : 'unknown', detail: describeError(err) } });
        }
      },
    }),
    {
      name: 'openbook.endpoint',
      storage: settingsStorage,
      partialize: (s) => ({ baseUrl: s.baseUrl, contextWindow: s.contextWindow }),
      ...schemaPersistOptions<EndpointState>('openbook.endpoint', {
        baseUrl: stringUpTo(2000),
        contextWindow: integerIn(256, Number.MAX_SAFE_INTEGER),
      }),
    },
  ),
);
