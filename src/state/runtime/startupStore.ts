// The app's start-up steps (run by src/app/start.ts: keyword index sync, the saved workspace, the model lists,
// offline support, the tab check, the chunking reactions, model availability), each run on its own: one that
// throws or rejects is noted here, shown by StartupNotice, and never stops the others.
import { create } from 'zustand';
import { describeFailure } from '@openbook/core/boundaryFailure';

export type StartStep =
  | 'keywordIndex'
  | 'workspace'
  | 'siteModels'
  | 'siteChatModels'
  | 'linkedWorkspace'
  | 'offline'
  | 'tabLock'
  | 'chunking'
  | 'modelAvailability';

export interface StartupProblem {
  step: StartStep;
  detail: string;
}

interface StartupState {
  problems: StartupProblem[];
  dismiss(step: StartStep): void;
}

export const useStartupStore = create<StartupState>()((set) => ({
  problems: [],
  dismiss: (step) => set((s) => ({ problems: s.problems.filter((p) => p.step !== step) })),
}));

/** Run one start-up step; a failure (thrown or rejected) is recorded, not passed on. True if it went well. */
export async function runStartStep(step: StartStep, start: () => unknown): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (error) {
    const detail = describeFailure(error);
    console.error(`[openbook] start-up step ${step} failed:`, error);
    useStartupStore.setState((s) => ({ problems: [...s.problems.filter((p) => p.step !== step), { step, detail }] }));
    return false;
  }
}
