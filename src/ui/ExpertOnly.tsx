// What only the expert view shows (src/state/view/viewModeStore.ts). Hidden, not reset: the settings inside
// stay in force in the beginner view.
import type { ReactNode } from 'react';
import { useIsExpert } from '../state/view/viewModeStore';

export function ExpertOnly({ children }: { children: ReactNode }) {
  return useIsExpert() ? children : null;
}
