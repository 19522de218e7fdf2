// The session's questions and answers with the settings each was answered with (kept in memory for the
// session; exported as JSON or Markdown from the answer step).
import { create } from 'zustand';
import type { HistoryEntry, HistorySettings } from '@openbook/core/history';
import type { GenerationStats } from '../../adapters/generator/generator';
import { useGenerationStore } from './generationStore';
import { engineInUse } from './generationEngines';
import { useSamplingStore } from './samplingStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';

interface HistoryState {
  entries: HistoryEntry[];
  add(entry: HistoryEntry): void;
  clear(): void;
}

export const useHistoryStore = create<HistoryState>()((set) => ({
  entries: [],
  add: (entry) => set((s) => ({ entries: [...s.entries, entry] })),
  clear: () => set({ entries: [] }),
}));

export interface AnswerRecord {
  question: string;
  prompt: string;
  answer: string;
  stats: GenerationStats | null;
  outcome: HistoryEntry['outcome'];
  /** The template, or null for the question sent alone. */
  template: string | null;
  systemPrompt: string;
  chunksInPrompt: number;
}

/** Add an answer, with the engine, model and sampling settings in force now (those it was generated with). */
export function recordAnswer(record: AnswerRecord): void {
  const gen = useGenerationStore.getState();
  const sampling = useSamplingStore.getState();
  const settings: HistorySettings = {
    // Automatic is recorded as the device it chose (transformers-wasm or transformers-webgpu).
    engine: gen.loadedEngine ? engineInUse(gen.loadedEngine, gen.loadedDevice) : gen.engine,
    model: gen.loadedModelId ?? gen.modelId,
    template: record.template,
    systemPrompt: record.systemPrompt,
    temperature: sampling.temperature,
    topP: sampling.topP,
    maxTokens: sampling.maxTokens,
    k: useRetrievalStore.getState().last?.results.length ?? 0,
    retrieval: record.template !== null,
    chunksInPrompt: record.template !== null ? record.chunksInPrompt : 0,
  };
  const s = record.stats;
  useHistoryStore.getState().add({
    at: new Date().toISOString(),
    question: record.question,
    prompt: record.prompt,
    answer: record.answer,
    outcome: record.outcome,
    settings,
    stats: s
      ? { promptTokens: s.promptTokens, completionTokens: s.completionTokens, timeToFirstTokenS: s.timeToFirstTokenS, decodeTokensPerS: s.decodeTokensPerS }
      : null,
  });
}
