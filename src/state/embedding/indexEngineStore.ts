// Which vector engine the user wants to answer questions: the exact scan (the default: exact, no dimension
// cap, and faster than Voy at every size measured) or Voy, which the vector index worker loads only when a
// search first asks for it. The index may still answer exactly and say why (SearchResult.fallbackReason).
// Kept in localStorage. Only setEngine writes it (zustand's persist writes on a change, and a migration
// rewrites what was read), so a saved value is always a choice the user made, and is kept: a user who
// picked Voy keeps Voy, one who picked the exact scan keeps it, and nothing saved means the new default.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { IndexEngine } from '../../adapters/vectorIndex/vectorIndex';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { schemaPersistOptions } from '../runtime/persistedSchema';

interface IndexEngineState {
  engine: IndexEngine;
  setEngine(engine: IndexEngine): void;
}

export const useIndexEngineStore = create<IndexEngineState>()(
  persist(
    (set) => ({
      engine: 'exact',
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
