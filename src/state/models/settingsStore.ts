// App-wide settings that outlive a reload: where models are downloaded from.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, schemaPersistOptions } from '../runtime/persistedSchema';

export type ModelSourceChoice = 'huggingface' | 'hf-mirror' | 'custom';

export const MODEL_HOSTS: Record<Exclude<ModelSourceChoice, 'custom'>, string> = {
  huggingface: 'https://huggingface.co',
  'hf-mirror': 'https://hf-mirror.com',
};

interface SettingsState {
  modelSource: ModelSourceChoice;
  customHost: string;
  setModelSource(choice: ModelSourceChoice): void;
  setCustomHost(host: string): void;
}

export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      modelSource: 'huggingface',
      customHost: '',
      setModelSource: (modelSource) => set({ modelSource }),
      setCustomHost: (customHost) => set({ customHost }),
    }),
    {
      name: 'openbook.settings',
      storage: settingsStorage,
      partialize: (s) => ({ modelSource: s.modelSource, customHost: s.customHost }),
      ...schemaPersistOptions<SettingsState>('openbook.settings', {
        modelSource: v.picklist(['huggingface', 'hf-mirror', 'custom']),
        customHost: stringUpTo(2000),
      }),
    },
  ),
);

/** A custom host must be an http(s) URL; returns it without a trailing slash, or null. */
export function normaliseHost(host: string): string | null {
  try {
    const url = new URL(host.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** The host models are downloaded from, or null when the custom host is not a valid URL. */
export function selectModelHost(state: Pick<SettingsState, 'modelSource' | 'customHost'>): string | null {
  return state.modelSource === 'custom' ? normaliseHost(state.customHost) : MODEL_HOSTS[state.modelSource];
}
