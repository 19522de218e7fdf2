// The evaluation store's flow, with the runner replaced by a fake (the real one needs the workers, and
// is exercised end to end in e2e/evaluation.spec.ts): validation before a run, one result or failure
// per configuration, cancellation, and all-or-nothing imports.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvalConfiguration } from '@openbook/core/evaluation/configuration';
import type { EvalQuestion } from '@openbook/core/evaluation/questionSet';

const fake = vi.hoisted(() => ({
  impl: null as null | ((config: EvalConfiguration, session: { cancelled: boolean }) => Promise<void>),
  calls: [] as string[],
}));

vi.mock('../flows/evaluationRunner', async (importOriginal) => {
  const real = await importOriginal<typeof import('../flows/evaluationRunner')>();
  const { configurationResult, evaluateQuestion } = await import('@openbook/core/evaluation/results');
  return {
    ...real,
    runConfiguration: async (config: EvalConfiguration, questions: EvalQuestion[], session: InstanceType<typeof real.EvaluationSession>) => {
      fake.calls.push(config.id);
      await fake.impl?.(config, session);
      session.check();
      const hit = { documentName: 'tea.txt', text: 'green tea', chunkIndex: 0, chunkId: 'd#0', score: 0.9 };
      return configurationResult(
        config.id,
        config.topK,
        questions.map((q) => evaluateQuestion(q, [hit], config.topK)),
      );
    },
  };
});

const { useEvaluationStore } = await import('./evaluationStore');
const { EvaluationProblem } = await import('../flows/evaluationRunner');
const { message } = await import('../../i18n/message');

const file = (name: string, text: string) => new File([text], name);
const store = () => useEvaluationStore.getState();

beforeEach(() => {
  fake.impl = null;
  fake.calls = [];
  useEvaluationStore.setState({ questions: [], runs: [], phase: 'idle', error: null, notice: null, importProblems: null });
  useEvaluationStore.setState({ configurations: [{ id: 'a', embeddingModelId: null, chunking: null, topK: 3, mode: 'vector', rerankModelId: null }] });
});

describe('evaluation store', () => {
  it('imports a whole file, or nothing with every problem named', async () => {
    await store().importFile(file('set.jsonl', '{"question": "q1", "document": "tea.txt"}\n{"question": "q2", "substring": "x"}'));
    expect(store().questions.map((q) => q.question)).toEqual(['q1', 'q2']);
    expect(store().notice).toEqual(message('evaluation.imported', { count: 2, name: 'set.jsonl' }));
    // Kept in localStorage, so the set survives a reload.
    expect(JSON.parse(localStorage.getItem('openbook.evaluation')!).state.questions).toHaveLength(2);

    await store().importFile(file('bad.csv', 'question,document\nq3,a.txt\n,b.txt\n'));
    expect(store().questions.map((q) => q.question)).toEqual(['q1', 'q2']);
    expect(store().importProblems).toEqual({ fileName: 'bad.csv', problems: [{ line: 3, code: 'missing-question' }] });
  });

  it('refuses to run without questions, with an incomplete question, or with a bad configuration', async () => {
    await store().run();
    expect(store().error).toEqual(message('evaluation.errors.no-questions'));
    store().addQuestion();
    store().updateQuestion(store().questions[0]!.id, { question: 'Why?' });
    await store().run();
    expect(store().error).toEqual(message('evaluation.errors.question.no-expectation', { n: 1 }));
    store().updateQuestion(store().questions[0]!.id, { expectedDocument: 'tea.txt' });
    store().updateConfiguration('a', { topK: 0 });
    await store().run();
    expect(store().error).toEqual(message('evaluation.errors.configuration.bad-k', { n: 1 }));
    expect(fake.calls).toEqual([]);
  });

  it('runs every configuration, keeping a failed one with its message', async () => {
    store().loadSampleQuestions();
    store().addConfiguration();
    store().addConfiguration();
    const [, second, third] = store().configurations;
    fake.impl = async (config) => {
      if (config.id === second!.id) throw new EvaluationProblem(message('evaluation.errors.no-index'));
    };
    await store().run();
    const runs = store().runs;
    expect(store().phase).toBe('done');
    expect(runs.map((r) => [r.configuration.id, r.result !== null, r.error?.key ?? null])).toEqual([
      ['a', true, null],
      [second!.id, false, 'evaluation.errors.no-index'],
      [third!.id, true, null],
    ]);
    expect(runs[0]!.result!.metrics.questions).toBe(10);
    expect(store().drilldownId).toBe('a');
  });

  it('stops at cancel, keeping the configurations that finished', async () => {
    store().loadSampleQuestions();
    store().addConfiguration();
    let release!: () => void;
    fake.impl = (config) => (config.id === 'a' ? Promise.resolve() : new Promise<void>((r) => (release = r)));
    const running = store().run();
    await vi.waitFor(() => expect(fake.calls).toHaveLength(2));
    expect(store().phase).toBe('running');
    store().cancel();
    release();
    await running;
    expect(store().phase).toBe('cancelled');
    expect(store().notice).toEqual(message('evaluation.cancelled'));
    expect(store().runs.map((r) => r.configuration.id)).toEqual(['a']);
  });
});

describe('a question set too large for localStorage', () => {
  it('stays in the page and says it will not be kept', async () => {
    const setItem = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      store().loadSampleQuestions();
      expect(store().questions).toHaveLength(10);
      await Promise.resolve();
      expect(store().error).toEqual(message('evaluation.errors.not-saved'));
    } finally {
      setItem.mockRestore();
    }
  });
});
