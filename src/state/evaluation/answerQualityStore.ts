// Answer quality for one evaluated configuration: every question of its last run is answered by the loaded
// chat model twice in turn, from the RAG prompt (the prompt template filled with the configuration's
// retrieved chunks) and from the question alone; both answers are judged against those chunks
// (core/evaluation/answerQuality.ts) by the chosen method:
//   - 'cross-encoder': the reranker model scores each answer sentence against each chunk (support) and the
//     answer against the question (relevance), 0..1;
//   - 'chat-judge': the chat model answers the visible rubric (YES/NO) for each sentence against each chunk
//     alone, and for the answer against the question.
// Progress, cancel (the answer under way is interrupted); each question's judgement keeps its evidence.
import { create } from 'zustand';
import { fillPrompt, questionOnlyPrompt } from '@openbook/core/prompt';
import {
  judgeAnswer,
  judgePrompt,
  JUDGE_RUBRIC,
  judgeVerdict,
  ragGain,
  splitAnswerSentences,
  type AnswerJudgement,
  type AnswerSentence,
  type RagGain,
} from '@openbook/core/evaluation/answerQuality';
import type { QuestionResult } from '@openbook/core/evaluation/results';
import { message, type Message } from '../../i18n/message';
import { currentGenerator } from '../generation/chatGenerator';
import { describeError } from '../runtime/errors';
import { useEvaluationStore } from './evaluationStore';
import { useGenerationStore } from '../generation/generationStore';
import { templateIn, usePromptStore } from '../augment/promptStore';
import { rerankProblemOf, rerankScores } from '../retrieval/rerank';
import { useRerankStore } from '../retrieval/rerankStore';
import { chatMessages, generateOptions, systemPromptIn, useSamplingStore } from '../generation/samplingStore';

export type JudgeMethod = 'cross-encoder' | 'chat-judge';

/** The relevance rubric of the chat-model judge (shown with the support rubric). {question}, {answer}. */
export const RELEVANCE_RUBRIC = `Does the answer below address the question? Reply with YES or NO only.

Question: {question}

Answer: {answer}`;

export interface AnsweredSide {
  prompt: string;
  answer: string;
  judgement: AnswerJudgement;
}

export interface AnswerQualityRow {
  questionId: string;
  question: string;
  /** The retrieved chunks the answers are judged against, in rank order ([1] first). */
  chunks: { documentName: string; text: string }[];
  rag: AnsweredSide;
  plain: AnsweredSide;
  gain: RagGain;
}

export interface AnswerQualityProgress {
  question: number;
  questions: number;
  stage: 'answering' | 'answering-plain' | 'judging';
}

interface AnswerQualityState {
  method: JudgeMethod;
  /** The cross-encoder that judges (defaults to the app's reranker). */
  crossEncoderId: string;
  threshold: number;
  rubric: string;
  phase: 'idle' | 'running';
  progress: AnswerQualityProgress | null;
  /** The configuration (id) the rows belong to, and the method and judge that made them. */
  ranFor: { configurationId: string; method: JudgeMethod; judge: string } | null;
  rows: AnswerQualityRow[];
  error: Message | null;
  notice: Message | null;
  set(patch: Partial<Pick<AnswerQualityState, 'method' | 'crossEncoderId' | 'threshold' | 'rubric'>>): void;
  /** Judge the answers to the questions of this configuration's last run (`uiLanguage`: the default template's language). */
  run(configurationId: string, uiLanguage: string): Promise<void>;
  cancel(): void;
}

class Cancelled extends Error {}

let run = 0;

export const useAnswerQualityStore = create<AnswerQualityState>()((set, get) => ({
  method: 'cross-encoder',
  crossEncoderId: useRerankStore.getState().modelId ?? '',
  threshold: 0.5,
  rubric: JUDGE_RUBRIC,
  phase: 'idle',
  progress: null,
  ranFor: null,
  rows: [],
  error: null,
  notice: null,
  set: (patch) => set(patch),

  async run(configurationId, uiLanguage) {
    if (get().phase === 'running') return;
    const { method, threshold, rubric } = get();
    const crossEncoderId = get().crossEncoderId.trim();
    const configRun = useEvaluationStore.getState().runs.find((r) => r.configuration.id === configurationId);
    const results = configRun?.result?.questions;
    if (!results || results.length === 0) return void set({ error: message('answerQuality.errors.no-run') });
    const generator = currentGenerator();
    const generation = useGenerationStore.getState();
    if (!generator || !generation.loadedModelId) return void set({ error: message('answerQuality.errors.no-model') });
    if (generation.phase === 'generating' || generation.phase === 'loading') return void set({ error: message('answerQuality.errors.busy') });
    if (method === 'cross-encoder' && !crossEncoderId) return void set({ error: message('answerQuality.errors.no-cross-encoder') });
    if (!(threshold >= 0 && threshold <= 1)) return void set({ error: message('answerQuality.errors.bad-threshold') });
    if (method === 'chat-judge' && (!rubric.includes('{claim}') || !rubric.includes('{evidence}')))
      return void set({ error: message('answerQuality.errors.bad-rubric') });

    const mine = ++run;
    const check = () => {
      if (mine !== run) throw new Cancelled();
    };
    const language = uiLanguage;
    const template = templateIn(usePromptStore.getState().custom, language);
    const sampling = useSamplingStore.getState();
    const system = systemPromptIn(sampling.customSystem, language);
    const options = generateOptions(sampling);
    const answer = async (prompt: string): Promise<string> => {
      let text = '';
      await generator.generate(chatMessages(system, prompt), options, (delta) => {
        text += delta;
      });
      check();
      return text.trim();
    };
    const ask = async (prompt: string): Promise<string> => {
      let text = '';
      await generator.generate([{ role: 'user', content: prompt }], { temperature: 0, maxTokens: 8 }, (delta) => {
        text += delta;
      });
      check();
      return text;
    };
    // Support (sentence × chunk) and relevance, by the chosen judge.
    const judge = async (question: string, answerText: string, sentences: AnswerSentence[], chunks: string[]): Promise<AnswerJudgement> => {
      const support: number[][] = [];
      let relevance: number | null;
      if (method === 'cross-encoder') {
        for (const s of sentences) {
          support.push(chunks.length ? await rerankScores(s.text, chunks, crossEncoderId) : []);
          check();
        }
        relevance = answerText ? ((await rerankScores(question, [answerText], crossEncoderId))[0] ?? null) : null;
      } else {
        for (const s of sentences) {
          const row: number[] = [];
          for (const [j, chunk] of chunks.entries()) row.push(judgeVerdict(await ask(judgePrompt(rubric, s.text, `[${j + 1}] ${chunk}`))) ?? 0);
          support.push(row);
        }
        relevance = answerText ? judgeVerdict(await ask(RELEVANCE_RUBRIC.replace('{question}', question).replace('{answer}', answerText))) : null;
      }
      check();
      return judgeAnswer(sentences, support, relevance, threshold);
    };

    set({
      phase: 'running',
      rows: [],
      error: null,
      notice: null,
      ranFor: { configurationId, method, judge: method === 'cross-encoder' ? crossEncoderId : generation.loadedModelId },
    });
    try {
      for (const [i, q] of results.entries()) {
        const step = (stage: AnswerQualityProgress['stage']) => set({ progress: { question: i, questions: results.length, stage } });
        const chunks = q.retrieved.map((r) => ({ documentName: r.documentName, text: r.text }));
        const texts = chunks.map((c) => c.text);
        step('answering');
        const ragPrompt = fillPrompt(
          template,
          q.question.question,
          chunks.map((c) => ({ text: c.text, source: c.documentName })),
        ).text;
        const ragAnswer = await answer(ragPrompt);
        step('answering-plain');
        const plainPrompt = questionOnlyPrompt(q.question.question).text;
        const plainAnswer = await answer(plainPrompt);
        step('judging');
        const rag = await judge(q.question.question, ragAnswer, splitAnswerSentences(ragAnswer, texts.length), texts);
        // The answer without retrieval cites nothing it was given: its [n] are not citations.
        const plain = await judge(q.question.question, plainAnswer, splitAnswerSentences(plainAnswer, 0), texts);
        const row: AnswerQualityRow = {
          questionId: q.question.id,
          question: q.question.question,
          chunks,
          rag: { prompt: ragPrompt, answer: ragAnswer, judgement: rag },
          plain: { prompt: plainPrompt, answer: plainAnswer, judgement: plain },
          gain: ragGain(rag, plain),
        };
        set((s) => ({ rows: [...s.rows, row] }));
      }
      set({ phase: 'idle', progress: null, notice: message('answerQuality.done', { count: results.length }) });
    } catch (err) {
      if (err instanceof Cancelled || mine !== run) return;
      const problem = rerankProblemOf(err);
      set({ phase: 'idle', progress: null, error: problem ?? message('answerQuality.errors.failed', { detail: describeError(err) }) });
    }
  },

  cancel() {
    if (get().phase !== 'running') return;
    run++;
    void currentGenerator()?.interrupt();
    set({ phase: 'idle', progress: null, notice: message('answerQuality.cancelled', { count: get().rows.length }) });
  },
}));

/** The questions of a configuration's last run, for the panel. */
export function questionsOf(configurationId: string): QuestionResult[] {
  return useEvaluationStore.getState().runs.find((r) => r.configuration.id === configurationId)?.result?.questions ?? [];
}
