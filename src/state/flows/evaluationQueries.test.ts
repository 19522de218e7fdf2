// Query transformation as an evaluation dimension (issue 14): the chat model's queries for each question,
// each searched and fused by RRF; one generation per question, shared by configurations of one run; a
// standalone rewrite given the question before; and no run at all without a chat model. The pipeline,
// the chunks and the chat model are fakes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk } from '@openbook/core/types';
import type { EvalConfiguration } from '@openbook/core/evaluation/configuration';
import type { EvalQuestion } from '@openbook/core/evaluation/questionSet';

const chunk = (id: string): Chunk => ({ id, docId: id.split('#')[0]!, index: Number(id.split('#')[1]), start: 0, end: 1, text: `text of ${id}` });
/** What each query finds (keyword search: BM25 scores). */
const FOUND: Record<string, string[]> = {
  'How hot is lava?': ['tea#0', 'lava#1'],
  'lava temperature': ['lava#0', 'lava#1'],
  'magma heat': ['lava#0'],
  'And green tea?': ['lava#1'],
  'How hot should water for green tea be?': ['tea#0'],
};

const fake = vi.hoisted(() => ({
  problem: null as null | { key: string },
  generated: [] as Array<{ mode: string; question: string; rewrites: number; previous?: { question: string; answer: string } }>,
  replies: {} as Record<string, string[]>,
  searched: [] as string[],
}));

vi.mock('../retrieval/retrievalPipeline', () => ({
  runRetrieval: async (question: string) => {
    fake.searched.push(question);
    const results = (FOUND[question] ?? []).map((id, i) => ({ chunk: chunk(id), score: 2 - i / 10, rank: i + 1, scores: { bm25: 2 - i / 10 } }));
    return {
      results,
      engine: null,
      engineReason: null,
      queryVector: null,
      embedMs: 0,
      searchMs: 0,
      keywordMs: 0,
      combineMs: 0,
      allowed: null,
      keywordTokens: null,
      parents: null,
    };
  },
}));
vi.mock('../retrieval/searchableChunks', () => ({
  hasVectorIndex: () => false,
  currentChunkMap: () => new Map(['lava#0', 'lava#1', 'tea#0'].map((id) => [id, chunk(id)])),
  searchableChunks: () => new Map(['lava#0', 'lava#1', 'tea#0'].map((id) => [id, chunk(id)])),
}));
vi.mock('../retrieval/queryGeneration', () => ({
  chatModelProblem: () => fake.problem,
  loadedChatModelId: () => 'openbook/tiny-chat',
  generateQueries: async (mode: string, question: string, rewrites: number, previous?: { question: string; answer: string }) => {
    fake.generated.push({ mode, question, rewrites, ...(previous ? { previous } : {}) });
    return fake.replies[question] ?? [];
  },
}));
vi.mock('../chunks/chunkingStore', async (importOriginal) => ({ ...(await importOriginal<object>()), chunkingSettled: async () => undefined }));

const { runConfiguration, EvaluationSession, EvaluationProblem } = await import('./evaluationRunner');

const question = (id: string, text: string, expectedDocument: string): EvalQuestion => ({ id, question: text, expectedDocument, expectedSubstring: null });
const QUESTIONS = [question('1', 'How hot is lava?', 'lava'), question('2', 'And green tea?', 'tea')];
const config = (patch: Partial<EvalConfiguration>): EvalConfiguration => ({
  id: 'c',
  embeddingModelId: null,
  chunking: null,
  topK: 2,
  mode: 'keyword',
  rerankModelId: null,
  ...patch,
});
const run = (c: EvalConfiguration, session = new EvaluationSession()) => runConfiguration(c, QUESTIONS, session, () => undefined);

beforeEach(() => {
  fake.problem = null;
  fake.generated = [];
  fake.searched = [];
  fake.replies = { 'How hot is lava?': ['lava temperature', 'magma heat'], 'And green tea?': ['How hot should water for green tea be?'] };
});

describe('an evaluation configuration with query transformation', () => {
  it('multi-query: the question and the model’s rewrites are searched, fused by RRF, and judged', async () => {
    const plain = await run(config({}));
    // The question alone ranks a tea chunk first for the lava question: reciprocal rank 1/2.
    expect(plain.questions[0]!.reciprocalRank).toBe(0.5);
    fake.searched = [];

    const multi = await run(config({ queryTransform: { mode: 'multi', rewrites: 2 } }));
    expect(fake.generated.map((g) => [g.mode, g.question, g.rewrites])).toEqual([
      ['multi', 'How hot is lava?', 2],
      ['multi', 'And green tea?', 2],
    ]);
    expect(fake.searched).toEqual(['How hot is lava?', 'lava temperature', 'magma heat', 'And green tea?', 'How hot should water for green tea be?']);
    // lava#0 is found by both rewrites, lava#1 by the question and one rewrite: the lava document first.
    expect(multi.questions[0]!.retrieved.map((r) => r.chunkId)).toEqual(['lava#0', 'lava#1']);
    expect(multi.questions[0]!.reciprocalRank).toBe(1);
    expect(multi.metrics.mrr).toBeGreaterThan(plain.metrics.mrr!);
  });

  it('HyDE searches the passage instead of the question; the queries are written once per run', async () => {
    const session = new EvaluationSession();
    await run(config({ queryTransform: { mode: 'hyde', rewrites: 3 } }), session);
    expect(fake.searched).toEqual(['lava temperature', 'magma heat', 'How hot should water for green tea be?']);
    await run(config({ id: 'd', mode: 'keyword', topK: 1, queryTransform: { mode: 'hyde', rewrites: 5 } }), session);
    expect(fake.generated).toHaveLength(2); // the same questions, mode and model: not written again
  });

  it('standalone rewrite: each question given the one before; the first searched as it is', async () => {
    const result = await run(config({ queryTransform: { mode: 'standalone', rewrites: 3 } }));
    expect(fake.generated).toEqual([{ mode: 'standalone', question: 'And green tea?', rewrites: 3, previous: { question: 'How hot is lava?', answer: '' } }]);
    expect(fake.searched).toEqual(['How hot is lava?', 'How hot should water for green tea be?']);
    expect(result.questions[1]!.retrieved[0]!.chunkId).toBe('tea#0');
  });

  it('a reply with no query: the question itself is searched', async () => {
    fake.replies = {};
    await run(config({ queryTransform: { mode: 'hyde', rewrites: 3 } }));
    expect(fake.searched).toEqual(['How hot is lava?', 'And green tea?']);
  });

  it('without a chat model it is not run at all, and says why', async () => {
    fake.problem = { key: 'techniques.queries.errors.no-model' };
    const failure = await run(config({ queryTransform: { mode: 'multi', rewrites: 3 } })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EvaluationProblem);
    expect((failure as InstanceType<typeof EvaluationProblem>).problem.key).toBe('retr14.evalQueries.errors.no-model');
    expect(fake.searched).toEqual([]);
    fake.problem = { key: 'techniques.queries.errors.busy' };
    const busy = await run(config({ queryTransform: { mode: 'hyde', rewrites: 3 } })).catch((e: unknown) => e);
    expect((busy as InstanceType<typeof EvaluationProblem>).problem.key).toBe('retr14.evalQueries.errors.busy');
    // A configuration without query transformation runs as before.
    await run(config({}));
    expect(fake.searched).toEqual(['How hot is lava?', 'And green tea?']);
  });
});
