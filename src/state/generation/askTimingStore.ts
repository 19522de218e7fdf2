// The last question's time from Ask to the first token, by stage: written by the ask flow (flows/ask.ts), shown beside
// the answer.
import { create } from 'zustand';
import type { AskTimings } from '../../core/askTimings';

/** The last question's time from Ask to the first token, by stage (null until an answer started). */
export const useAskTimingStore = create<{ last: AskTimings | null }>()(() => ({ last: null }));
