// Beginner or expert view, kept across reloads. The beginner view (the default on a first visit) folds
// away engineering controls (index engine, candidates N, MMR, threshold, timings, device...); the expert
// view shows everything. Switching only shows or hides: every setting stays in force either way.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as v from 'valibot';
import { settingsStorage } from '../runtime/persistence';
import { schemaPersistOptions } from '../runtime/persistedSchema';

export type ViewMode = 'beginner' | 'expert';
export const VIEW_MODES: readonly ViewMode[] = ['beginner', 'expert'];

interface ViewModeState {
  mode: ViewMode;
  setMode(mode: ViewMode): void;
}

export const useViewModeStore = create<ViewModeState>()(
  persist(
    (set) => ({
      mode: 'beginner',
      setMode: (mode) => set({ mode }),
    }),
    {
      name: 'openbook.view',
      storage: settingsStorage,
      partialize: (s) => ({ mode: s.mode }),
      ...schemaPersistOptions<ViewModeState>('openbook.view', { mode: v.picklist(VIEW_MODES) }),
    },
  ),
);

export const useIsExpert = () => useViewModeStore((s) => s.mode === 'expert');
