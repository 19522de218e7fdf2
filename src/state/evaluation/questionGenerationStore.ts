// Generating a question set with the loaded chat model (any engine): for a seeded sample of the
// workspace's chunks, the prompt (shown and editable) filled with each chunk asks for one question the
// chunk answers, in its language; the chunk is kept as the expected source. Progress and cancel; the
// generated questions are drafts, reviewed (edited, removed) before they are added to the question set,
// where they are saved like typed questions (and exported as JSONL).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as v from 'valibot';
import type { Chunk } from '@openbook/core/types';
import {
  buildQuestionPrompt,
  cleanGeneratedQuestion,
  DEFAULT_QUESTION_PROMPT,
  generatedQuestion,
  questionPromptProblem,
  sampleIndices,
} from '@openbook/core/evaluation/questionGeneration';
import type { EvalQuestionInput } from '@openbook/core/evaluation/questionSet';
import { message, type Message } from '../../i18n/message';
import { currentGenerator } from '../generation/chatGenerator';
import { chunkingSettled } from '../chunks/chunkingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { describeError } from '../runtime/errors';
import { useEvaluationStore } from './evaluationStore';
import { useGenerationStore } from '../generation/generationStore';
import { safeJSONStorage, schemaPersistOptions } from '../runtime/persistedSchema';
import { searchableChunks } from '../retrieval/searchableChunks';

export interface QuestionDraft extends EvalQuestionInput {
  id: string;
  /** The chunk it was generated from, shown beside it for review. */
  chunkText: string;
  /** The model's reply as written (the question is cleaned from it). */
  raw: string;
}

export const MAX_GENERATED_QUESTIONS = 200;

interface QuestionGenerationState {
  prompt: string;
  sampleSize: number;
  seed: number;
  phase: 'idle' | 'generating';
  progress: { done: number; total: number } | null;
  drafts: QuestionDraft[];
  error: Message | null;
  notice: Message | null;
  setPrompt(prompt: string): void;
  resetPrompt(): void;
  setSampleSize(n: number): void;
  generate(): Promise<void>;
  cancel(): void;
  updateDraft(id: string, question: string): void;
  removeDraft(id: string): void;
  discardDrafts(): void;
  /** Add the drafts with a question to the question set (after those there). */
  addDrafts(): void;
}

let run = 0;

export const useQuestionGenerationStore = create<QuestionGenerationState>()(
  persist(
    (set, get) => ({
      prompt: DEFAULT_QUESTION_PROMPT,
      sampleSize: 5,
      seed: 1,
      phase: 'idle',
      progress: null,
      drafts: [],
      error: null,
      notice: null,
      setPrompt: (prompt) => set({ prompt }),
      resetPrompt: () => set({ prompt: DEFAULT_QUESTION_PROMPT }),
      setSampleSize: (sampleSize) => set({ sampleSize }),

      async generate() {
        if (get().phase === 'generating') return;
        const { prompt, sampleSize } = get();
        const promptProblem = questionPromptProblem(prompt);
        if (promptProblem) return void set({ error: message(`questionGeneration.errors.prompt-${promptProblem}`) });
        if (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > MAX_GENERATED_QUESTIONS) {
          return void set({ error: message('questionGeneration.errors.bad-size', { max: MAX_GENERATED_QUESTIONS }) });
        }
        const generation = useGenerationStore.getState();
        const generator = currentGenerator();
        if (!generator || !generation.loadedModelId) return void set({ error: message('questionGeneration.errors.no-model') });
        if (generation.phase === 'generating' || generation.phase === 'loading') return void set({ error: message('questionGeneration.errors.busy') });
        await chunkingSettled();
        const chunks: Chunk[] = [...searchableChunks().values()].filter((c) => c.text.trim() !== '');
        if (chunks.length === 0) return void set({ error: message('questionGeneration.errors.no-chunks') });
        // A new seed each time, so that a second run samples other chunks.
        const seed = get().seed;
        const sample = sampleIndices(chunks.length, sampleSize, seed).map((i) => chunks[i]!);
        const names = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
        const mine = ++run;
        const current = () => mine === run;
        set({ phase: 'generating', seed: seed + 1, progress: { done: 0, total: sample.length }, error: null, notice: null });
        let failed = 0;
        try {
          for (const [i, chunk] of sample.entries()) {
            let raw = '';
            await generator.generate([{ role: 'user', content: buildQuestionPrompt(prompt, chunk.text) }], { temperature: 0, maxTokens: 96 }, (delta) => {
              raw += delta;
            });
            if (!current()) return;
            const question = cleanGeneratedQuestion(raw);
            if (question) {
              const draft = {
                id: crypto.randomUUID(),
                raw,
                chunkText: chunk.text,
                ...generatedQuestion(question, chunk.text, names.get(chunk.docId) ?? chunk.docId),
              };
              set((s) => ({ drafts: [...s.drafts, draft] }));
            } else failed++;
            set({ progress: { done: i + 1, total: sample.length } });
          }
          set({
            phase: 'idle',
            progress: null,
            notice: message(failed ? 'questionGeneration.doneWithEmpty' : 'questionGeneration.done', { count: sample.length - failed, empty: failed }),
          });
        } catch (err) {
          if (!current()) return;
          set({ phase: 'idle', progress: null, error: message('questionGeneration.errors.failed', { detail: describeError(err) }) });
        }
      },

      cancel() {
        if (get().phase !== 'generating') return;
        run++;
        void currentGenerator()?.interrupt();
        set({ phase: 'idle', progress: null, notice: message('questionGeneration.cancelled', { count: get().drafts.length }) });
      },

      updateDraft: (id, question) => set((s) => ({ drafts: s.drafts.map((d) => (d.id === id ? { ...d, question } : d)) })),
      removeDraft: (id) => set((s) => ({ drafts: s.drafts.filter((d) => d.id !== id) })),
      discardDrafts: () => set({ drafts: [], notice: null }),
      addDrafts() {
        const rows = get()
          .drafts.filter((d) => d.question.trim() !== '')
          .map((d) => ({ id: crypto.randomUUID(), question: d.question.trim(), expectedDocument: d.expectedDocument, expectedSubstring: d.expectedSubstring }));
        if (rows.length === 0) return;
        useEvaluationStore.setState((s) => ({ questions: [...s.questions, ...rows], notice: message('questionGeneration.added', { count: rows.length }) }));
        set({ drafts: [], notice: null });
      },
    }),
    {
      name: 'openbook.questionGeneration',
      storage: safeJSONStorage<unknown>(
        () => localStorage,
        () => undefined,
      ),
      partialize: (s) => ({ prompt: s.prompt, sampleSize: s.sampleSize }),
      ...schemaPersistOptions<QuestionGenerationState>('openbook.questionGeneration', {
        prompt: v.pipe(v.string(), v.maxLength(20_000)),
        sampleSize: v.number(),
      }),
    },
  ),
);
