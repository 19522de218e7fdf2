// The outcome of evaluating one configuration: per question, what came back and whether each result
// was relevant; and the set's hit rate@k and MRR.
import type { EvalQuestion } from './questionSet';
import { relevanceMatcher, type RetrievedChunk } from './relevance';
import { aggregate, scoreQuestion, type QuestionScore, type SetMetrics } from './metrics';

/** One retrieved chunk as the drill-down shows it. */
export interface RetrievedResult extends RetrievedChunk {
  rank: number;
  chunkId: string;
  /** Position of the chunk in its document, from 0. */
  chunkIndex: number;
  score: number;
  relevant: boolean;
}

export interface QuestionResult extends QuestionScore {
  question: EvalQuestion;
  retrieved: RetrievedResult[];
}

export interface ConfigurationResult {
  configurationId: string;
  k: number;
  metrics: SetMetrics;
  questions: QuestionResult[];
}

export type RetrievedInput = Omit<RetrievedResult, 'relevant' | 'rank'>;

/** Judge a question's results (best first; only the first k count) and score them. */
export function evaluateQuestion(question: EvalQuestion, results: readonly RetrievedInput[], k: number): QuestionResult {
  const isRelevant = relevanceMatcher(question);
  const retrieved = results.slice(0, k).map((r, i) => ({ ...r, rank: i + 1, relevant: isRelevant(r) }));
  const score = scoreQuestion(
    retrieved.map((r) => r.relevant),
    k,
  );
  return { ...score, question, retrieved };
}

export function configurationResult(configurationId: string, k: number, questions: QuestionResult[]): ConfigurationResult {
  return { configurationId, k, metrics: aggregate(questions), questions };
}
