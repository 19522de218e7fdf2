// Evaluation of retrieval: the question set, the configurations to compare, and the results of the
// last run (hit rate@k and MRR per configuration, with every question's results). The question set and
// the configurations are kept in localStorage, so they survive a reload; results are not.
import { sanitizeEvalQueryTransform } from '@openbook/core/evaluation/queryTransformDimension';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as v from 'valibot';
import { sanitizeParentSettings } from '@openbook/core/retrieval/parentChild';
import { cleanExpectation, questionProblem, type EvalQuestion, type EvalQuestionInput } from '@openbook/core/evaluation/questionSet';
import type { ImportProblem } from '@openbook/core/evaluation/parseQuestionSet';
import {
  configurationProblem,
  defaultConfiguration,
  isDefaultConfiguration,
  sampleConfigurations,
  type EvalConfiguration,
  type IndexIdentity,
} from '@openbook/core/evaluation/configuration';
import { BUILTIN_LSA_MODEL_ID, isBuiltinLsa } from '../../adapters/embedder/embeddingModels';
import type { ConfigurationResult } from '@openbook/core/evaluation/results';
import { SAMPLE_QUESTIONS } from '../../content/sampleCorpus';
import { message, type Message } from '../../i18n/message';
import { useIndexStore } from '../embedding/indexStore';
import { EvaluationCancelled, EvaluationProblem, EvaluationSession, runConfiguration, type EvalStageProgress } from '../flows/evaluationRunner';
import { describeError } from '../runtime/errors';
import { chunkerDraftSchema, safeJSONStorage, schemaPersistOptions, stringUpTo } from '../runtime/persistedSchema';

export type EvaluationPhase = 'idle' | 'running' | 'done' | 'cancelled';

/** One configuration's outcome in a run: its settings as they were, and its result or why it failed. */
export interface ConfigurationRun {
  configuration: EvalConfiguration;
  result: ConfigurationResult | null;
  error: Message | null;
}

export interface EvaluationProgress extends EvalStageProgress {
  /** 0-based position of the configuration being run, among `configurations`. */
  configuration: number;
  configurations: number;
}

/** The largest question set file accepted. */
export const MAX_QUESTION_FILE_BYTES = 10_000_000;

interface EvaluationState {
  questions: EvalQuestion[];
  configurations: EvalConfiguration[];
  /** The last import's problems (nothing was imported then), with the file's name. */
  importProblems: { fileName: string; problems: ImportProblem[] } | null;
  notice: Message | null;
  phase: EvaluationPhase;
  progress: EvaluationProgress | null;
  runs: ConfigurationRun[];
  /** What "the index's model and chunks" were when the runs were made. */
  ranWith: IndexIdentity | null;
  error: Message | null;
  /** The configuration whose questions are shown in detail. */
  drilldownId: string | null;

  addQuestion(): void;
  updateQuestion(id: string, patch: Partial<EvalQuestionInput>): void;
  removeQuestion(id: string): void;
  clearQuestions(): void;
  loadSampleQuestions(): void;
  importFile(file: File): Promise<void>;
  dismissImportProblems(): void;
  addConfiguration(): void;
  updateConfiguration(id: string, patch: Partial<Omit<EvalConfiguration, 'id'>>): void;
  removeConfiguration(id: string): void;
  run(): Promise<void>;
  cancel(): void;
  showDrilldown(id: string | null): void;
}

const newId = () => crypto.randomUUID();
const withIds = (rows: EvalQuestionInput[]): EvalQuestion[] => rows.map((q) => ({ id: newId(), ...q }));

let session: EvaluationSession | null = null;

/**
 * localStorage, except that a set too large for it (QuotaExceededError) is reported where the user is
 * looking instead of breaking the edit that caused it; it then lives until the page is reloaded.
 */
const questionSetStorage = safeJSONStorage<unknown>(
  () => localStorage,
  () => queueMicrotask(() => useEvaluationStore.setState({ error: message('evaluation.errors.not-saved') })),
);

/** A saved question (its fields as the editor makes them). */
const questionSchema = v.object({
  id: stringUpTo(200),
  question: v.string(),
  expectedDocument: v.nullable(v.string()),
  expectedSubstring: v.nullable(v.string()),
});

/** A number field as saved: a number, or null where it was NaN (an emptied field), read back as NaN. */
const numberOrEmptied = v.pipe(
  v.nullable(v.number()),
  v.transform((x) => x ?? Number.NaN),
);

/**
 * A saved configuration's shape. Its values may be ones the editor shows as invalid (k of 0, an overlap
 * larger than the chunk): they are kept, with their message, as while editing; a run refuses them.
 */
const configurationSchema = v.object({
  id: stringUpTo(200),
  embeddingModelId: v.nullable(stringUpTo(500)),
  chunking: v.nullable(chunkerDraftSchema),
  topK: numberOrEmptied,
  mode: v.picklist(['vector', 'keyword', 'hybrid']),
  rerankModelId: v.nullable(stringUpTo(500)),
  stopWords: v.optional(v.boolean()),
  stemming: v.optional(v.boolean()),
  contextualHeaders: v.optional(v.boolean()),
  embedHeaders: v.optional(v.boolean()),
  parentChild: v.optional(v.nullable(v.pipe(v.unknown(), v.transform(sanitizeParentSettings)))),
  queryTransform: v.optional(v.nullable(v.pipe(v.unknown(), v.transform(sanitizeEvalQueryTransform)))),
});

export const useEvaluationStore = create<EvaluationState>()(
  persist(
    (set, get) => ({
      questions: [],
      configurations: [defaultConfiguration('default')],
      importProblems: null,
      notice: null,
      phase: 'idle',
      progress: null,
      runs: [],
      ranWith: null,
      error: null,
      drilldownId: null,

      addQuestion: () => set((s) => ({ questions: [...s.questions, { id: newId(), question: '', expectedDocument: null, expectedSubstring: null }] })),
      updateQuestion: (id, patch) =>
        set((s) => ({
          questions: s.questions.map((q) =>
            q.id !== id
              ? q
              : {
                  ...q,
                  ...(patch.question !== undefined && { question: patch.question }),
                  ...(patch.expectedDocument !== undefined && { expectedDocument: patch.expectedDocument === '' ? null : patch.expectedDocument }),
                  ...(patch.expectedSubstring !== undefined && { expectedSubstring: patch.expectedSubstring === '' ? null : patch.expectedSubstring }),
                },
          ),
        })),
      removeQuestion: (id) => set((s) => ({ questions: s.questions.filter((q) => q.id !== id) })),
      clearQuestions: () => set({ questions: [], notice: null, importProblems: null }),
      loadSampleQuestions: () => {
        // Configurations the user has not touched become ones that run here with no download (keyword, and
        // the built-in embedder with vector and hybrid search), after the index as it is when a model made it.
        const { configurations } = get();
        const untouched = configurations.length === 1 && isDefaultConfiguration(configurations[0]!);
        const { indexedModelId } = useIndexStore.getState();
        const withIndex = indexedModelId !== null && !isBuiltinLsa(indexedModelId);
        set({
          questions: withIds(SAMPLE_QUESTIONS.map((q) => ({ ...q }))),
          importProblems: null,
          notice: message('evaluation.sampleLoaded', { count: SAMPLE_QUESTIONS.length }),
          ...(untouched ? { configurations: sampleConfigurations(BUILTIN_LSA_MODEL_ID, withIndex, newId) } : {}),
        });
      },

      async importFile(file) {
        if (file.size > MAX_QUESTION_FILE_BYTES) {
          set({
            notice: null,
            importProblems: null,
            error: message('evaluation.errors.too-large', { name: file.name, max: MAX_QUESTION_FILE_BYTES / 1_000_000 }),
          });
          return;
        }
        let text: string;
        try {
          text = await file.text();
        } catch {
          set({ notice: null, importProblems: null, error: message('evaluation.errors.unreadable', { name: file.name }) });
          return;
        }
        // The parser (and its CSV library) is loaded on the first import, not with the first screen.
        const { parseQuestionSet } = await import('@openbook/core/evaluation/parseQuestionSet');
        const parsed = parseQuestionSet(file.name, text);
        // All or nothing: a file with a bad row changes nothing, and every bad row is named.
        if (parsed.problems.length > 0) {
          set({ importProblems: { fileName: file.name, problems: parsed.problems }, notice: null });
          return;
        }
        set({
          questions: withIds(parsed.questions),
          importProblems: null,
          error: null,
          notice: message('evaluation.imported', { count: parsed.questions.length, name: file.name }),
        });
      },
      dismissImportProblems: () => set({ importProblems: null }),

      addConfiguration: () =>
        set((s) => ({ configurations: [...s.configurations, { ...(s.configurations.at(-1) ?? defaultConfiguration('')), id: newId() }] })),
      updateConfiguration: (id, patch) => set((s) => ({ configurations: s.configurations.map((c) => (c.id === id ? { ...c, ...patch } : c)) })),
      removeConfiguration: (id) => set((s) => ({ configurations: s.configurations.filter((c) => c.id !== id) })),

      async run() {
        if (get().phase === 'running') return;
        const fail = (error: Message): void => {
          set({ error });
        };
        const questions = get().questions;
        const configurations = get().configurations;
        if (questions.length === 0) return fail(message('evaluation.errors.no-questions'));
        const badQuestion = questions.findIndex((q) => questionProblem(q) !== null);
        if (badQuestion >= 0) {
          const problem = questionProblem(questions[badQuestion]!)!;
          return fail(message(`evaluation.errors.question.${problem}`, { n: badQuestion + 1 }));
        }
        if (configurations.length === 0) return fail(message('evaluation.errors.no-configurations'));
        const { indexedModelId, indexedChunking, indexedHeaders } = useIndexStore.getState();
        const identity = { modelId: indexedModelId, chunking: indexedChunking, embedHeaders: indexedHeaders };
        const badConfig = configurations.findIndex((c) => configurationProblem(c) !== null);
        if (badConfig >= 0) {
          const problem = configurationProblem(configurations[badConfig]!)!;
          return fail(message(`evaluation.errors.configuration.${problem}`, { n: badConfig + 1 }));
        }

        const current = new EvaluationSession();
        session = current;
        const cleaned = questions.map((q) => ({
          ...q,
          question: q.question.trim(),
          expectedDocument: cleanExpectation(q.expectedDocument),
          expectedSubstring: cleanExpectation(q.expectedSubstring),
        }));
        set({ phase: 'running', error: null, notice: null, runs: [], ranWith: identity, drilldownId: null, progress: null });
        try {
          for (const [i, configuration] of configurations.entries()) {
            const onProgress = (p: EvalStageProgress) => {
              if (session === current) set({ progress: { ...p, configuration: i, configurations: configurations.length } });
            };
            let run: ConfigurationRun;
            try {
              const result = await runConfiguration(configuration, cleaned, current, onProgress);
              run = { configuration, result, error: null };
            } catch (err) {
              if (err instanceof EvaluationCancelled || current.cancelled) throw new EvaluationCancelled();
              const problem = err instanceof EvaluationProblem ? err.problem : message('evaluation.errors.failed', { detail: describeError(err) });
              run = { configuration, result: null, error: problem };
            }
            if (session !== current) return;
            set((s) => ({ runs: [...s.runs, run] }));
          }
          set({ phase: 'done', progress: null, drilldownId: get().runs.find((r) => r.result)?.configuration.id ?? null });
        } catch (err) {
          if (session !== current) return;
          if (err instanceof EvaluationCancelled) set({ phase: 'cancelled', progress: null, notice: message('evaluation.cancelled') });
          else set({ phase: 'idle', progress: null, error: message('evaluation.errors.failed', { detail: describeError(err) }) });
        } finally {
          current.end();
          if (session === current) session = null;
        }
      },

      cancel() {
        session?.cancel();
      },
      showDrilldown: (drilldownId) => set({ drilldownId }),
    }),
    {
      name: 'openbook.evaluation',
      storage: questionSetStorage,
      partialize: (s) => ({ questions: s.questions, configurations: s.configurations }),
      // A set that is not a list, or has an item that is not a question, is dropped whole (with a notice).
      ...schemaPersistOptions<EvaluationState>('openbook.evaluation', {
        questions: v.array(questionSchema),
        configurations: v.pipe(v.array(configurationSchema), v.minLength(1)),
      }),
    },
  ),
);
