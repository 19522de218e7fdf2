// Which vector engine the user wants to answer questions: Voy (the default) or the exact scan. The index
// may still answer exactly and say why (SearchResult.fallbackReason). Kept in localStorage.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { IndexEngine } from '../adapters/vectorIndex/vectorIndex';
import { settingsStorage } from './persistence';
import * as v from 'valibot';
import { schemaPersistOptions } from './persistedSchema';

interface IndexEngineState {
  engine: IndexEngine;
  setEngine(engine: IndexEngine): void;
}

export const useIndexEngineStore = create<IndexEngineState>()(
  persist(
    (set) => ({
      engine: 'voy',
      setEngine: (engine) => set({ engine }),
    }),
    {
      name: 'openbook.indexEngine',
      storage: settingsStorage,
      partialize: (s) => ({ engine: s.engine }),
      ...schemaPersistOptions<IndexEngineState>('openbook.indexEngine', { engine: v.picklist(['voy', 'exact']) }),
    },
  ),
);
