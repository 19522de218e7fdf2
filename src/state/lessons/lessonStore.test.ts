import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'openbook.lessons';

async function freshStores() {
  vi.resetModules();
  const lessons = await import('./lessonStore');
  const { useNoticesStore } = await import('../runtime/noticesStore');
  const { useRetrievalStore } = await import('../retrieval/retrievalStore');
  await lessons.useLessonStore.persist.rehydrate();
  return { ...lessons, useNoticesStore, useRetrievalStore };
}

describe('the lesson store', () => {
  beforeEach(() => localStorage.clear());

  it('opens a lesson, keeps its step in localStorage, and resumes there after a reload', async () => {
    const first = await freshStores();
    const store = first.useLessonStore;
    store.getState().open('chunk-size');
    expect(store.getState().active).toBe('chunk-size');
    // The step's check decides: "next" does nothing until it has passed.
    store.getState().next();
    expect(store.getState().steps['chunk-size']).toBe(0);
    store.setState({ passed: true });
    store.getState().next();
    expect(store.getState().steps['chunk-size']).toBe(1);
    store.getState().leave();
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({
      state: { active: null, steps: { 'chunk-size': 1 }, passed: false, finished: [] },
      version: 1,
    });

    const second = await freshStores();
    expect(second.useLessonStore.getState().steps['chunk-size']).toBe(1);
    second.useLessonStore.getState().open('chunk-size');
    expect(second.useLessonStore.getState()).toMatchObject({ active: 'chunk-size', passed: false });
  });

  it('a lesson open at a reload is still open at its step', async () => {
    const first = await freshStores();
    first.useLessonStore.getState().open('reranking');
    first.useLessonStore.setState({ passed: true });
    first.useLessonStore.getState().next();
    const second = await freshStores();
    expect(second.useLessonStore.getState()).toMatchObject({ active: 'reranking', steps: { reranking: 1 } });
  });

  it('checks the open step against the app’s state while watching, and keeps the pass', async () => {
    const { useLessonStore, useRetrievalStore, watchLessons } = await freshStores();
    const stop = watchLessons();
    useLessonStore.getState().open('reranking');
    useLessonStore.setState({ passed: true });
    useLessonStore.getState().next(); // step 2: ask a question (a search after the step began)
    expect(useLessonStore.getState().passed).toBe(false);
    const chunk = { id: 'd#0', docId: 'd', text: 'text', start: 0, end: 4 };
    useRetrievalStore.setState({
      last: {
        question: 'q',
        results: [{ chunk, score: 1, rank: 1 }],
        config: { ...useRetrievalStore.getState().currentConfig(), mode: 'keyword' },
      } as never,
    });
    expect(useLessonStore.getState().passed).toBe(true);
    expect(useLessonStore.getState().facts.searches).toBe(1);
    useRetrievalStore.setState({ question: 'changed' });
    expect(useLessonStore.getState().passed).toBe(true);
    stop();
  });

  it('continues without a missing chat model only where the step needs one', async () => {
    const { useLessonStore, watchLessons } = await freshStores();
    const stop = watchLessons();
    useLessonStore.getState().open('lost-middle');
    useLessonStore.getState().continueWithout(); // step 1 needs no model
    expect(useLessonStore.getState().passed).toBe(false);
    useLessonStore.setState({ steps: { 'lost-middle': 2 } });
    useLessonStore.getState().continueWithout(); // the lab needs one, and none is loaded
    expect(useLessonStore.getState().passed).toBe(true);
    stop();
  });

  it('stored values that are not progress are dropped with a notice', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ state: { active: 'wizardry', steps: { 'open-book': -3 }, passed: 'yes', finished: ['x', 'reranking'] }, version: 1 }),
    );
    const { useLessonStore, useNoticesStore } = await freshStores();
    expect(useLessonStore.getState()).toMatchObject({ active: null, steps: {}, passed: false, finished: ['reranking'] });
    expect(JSON.stringify(useNoticesStore.getState())).toContain('openbook.lessons.active');
  });

  it('counts answers, comparisons and evaluation runs that finish while watching', async () => {
    const { watchLessons } = await freshStores();
    const { readLessonFacts } = await import('./lessonFacts');
    const { useGenerationStore } = await import('../generation/generationStore');
    const { useEvaluationStore } = await import('../evaluation/evaluationStore');
    const stop = watchLessons();
    const before = readLessonFacts();
    useGenerationStore.setState({ phase: 'generating', answer: '' });
    useGenerationStore.setState({ phase: 'ready', answer: 'An answer.' });
    const pane = { prompt: 'p', answer: 'a', stats: null, status: 'generating' as const };
    useGenerationStore.setState({ comparison: { rag: { ...pane, status: 'done' }, plain: pane } });
    expect(readLessonFacts().comparisons).toBe(before.comparisons);
    useGenerationStore.setState({ comparison: { rag: { ...pane, status: 'done' }, plain: { ...pane, status: 'done' } } });
    useEvaluationStore.setState({ phase: 'running' });
    useEvaluationStore.setState({ phase: 'done' });
    const after = readLessonFacts();
    expect(after.answers - before.answers).toBe(1);
    expect(after.comparisons - before.comparisons).toBe(1);
    expect(after.evaluations - before.evaluations).toBe(1);
    stop();
  });

  it('sets up the chunk-size comparison, with the sample questions only when the sample corpus is loaded', async () => {
    await freshStores();
    const { runLessonAction } = await import('./lessonActions');
    const { useEvaluationStore } = await import('../evaluation/evaluationStore');
    const { useDocumentsStore } = await import('../documents/documentsStore');
    const { SAMPLE_DOCUMENTS } = await import('../../content/sampleCorpus');
    useEvaluationStore.setState({ questions: [] });
    expect(runLessonAction('chunk-size-comparison')).toBe('needs-questions');
    expect(useEvaluationStore.getState().configurations.map((c) => c.chunking)).toHaveLength(4);
    expect(useEvaluationStore.getState().questions).toEqual([]);
    useDocumentsStore.setState({ documents: SAMPLE_DOCUMENTS.map((d) => ({ id: d.name, name: d.name })) as never });
    expect(runLessonAction('chunk-size-comparison')).toBe('ready');
    expect(useEvaluationStore.getState().questions.length).toBeGreaterThan(0);
  });
});
