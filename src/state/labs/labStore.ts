// The labs' runs: the answers of the "lost in the middle" lab (the chosen chunk at each position of the
// context) and of leave-one-out attribution (the question answered with all chunks, then without each).
// Kept in memory only: a lab is run again in seconds, and its answers belong to the question asked.
import { create } from 'zustand';
import type { ContextPosition } from '@openbook/core/labs/contextOrder';
import type { FilledPrompt, PromptChunk } from '@openbook/core/prompt';
import type { SeriesAnswer } from '../generation/answerSeries';

export interface PositionAnswer extends SeriesAnswer {
  position: ContextPosition;
  filled: FilledPrompt;
  /** The chosen chunk's number in this prompt (1-based). */
  targetNumber: number;
}

export interface PositionsRun {
  question: string;
  /** The chunks the prompt holds, best first. */
  chunks: PromptChunk[];
  /** Which of them (0-based, in rank order) holds the answer. */
  target: number;
  answers: PositionAnswer[];
}

export interface LeaveOneOutAnswer extends SeriesAnswer {
  /** The chunk left out (0-based, in the prompt's order); null for the answer with every chunk. */
  left: number | null;
  filled: FilledPrompt;
}

export interface LeaveOneOutRun {
  question: string;
  /** The chunks in the prompt's order, numbered [1]..[k]. */
  chunks: PromptChunk[];
  /** First the answer with every chunk, then one per chunk left out. */
  answers: LeaveOneOutAnswer[];
}

interface LabState {
  /** The chunk that holds the answer, for the positions lab (0-based, in rank order; 0 is the top one). */
  target: number;
  positions: PositionsRun | null;
  leaveOneOut: LeaveOneOutRun | null;
  /** A lab's answers are being generated. */
  running: boolean;
  setTarget(target: number): void;
}

export const useLabStore = create<LabState>()((set) => ({
  target: 0,
  positions: null,
  leaveOneOut: null,
  running: false,
  setTarget: (target) => set({ target: Number.isInteger(target) && target >= 0 ? target : 0 }),
}));

/** How many of a run's answers are finished (done, stopped or failed), and how many there are. */
export function seriesProgress(answers: readonly SeriesAnswer[]): { done: number; total: number } {
  return { done: answers.filter((a) => a.status === 'done' || a.status === 'stopped' || a.status === 'failed').length, total: answers.length };
}
