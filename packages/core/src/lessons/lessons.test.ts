import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, chunkerSizes, type LessonFacts, type LessonSearch } from './lessonFacts';
import { LESSONS, lessonById, type LessonId } from './lessonCatalog';
import {
  NO_PROGRESS,
  activeStep,
  leaveLesson,
  markPassed,
  missingNeed,
  nextStep,
  openLesson,
  previousStep,
  restartLesson,
  stepDone,
  stepOf,
} from './lessonProgress';
import { chunkSizeComparison } from './chunkSizeComparison';

const facts = (patch: Partial<LessonFacts>): LessonFacts => ({ ...EMPTY_FACTS, ...patch });
const search = (patch: Partial<LessonSearch>): LessonSearch => ({
  question: 'q',
  mode: 'vector',
  results: 4,
  topK: 4,
  reranked: false,
  chunkIds: [],
  ...patch,
});
const step = (lesson: LessonId, id: string) => lessonById(lesson)!.steps.find((s) => s.id === id)!;
const loaded = facts({ documents: 5, chunks: 29 });
const indexed = facts({ documents: 5, chunks: 29, indexed: 29 });

describe('the lesson catalogue', () => {
  it('has the six lessons of issue 13, each with unique step ids and a target', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['open-book', 'chunk-size', 'meaning-keywords', 'reranking', 'always-something', 'lost-middle']);
    for (const lesson of LESSONS) {
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      for (const s of lesson.steps) expect(s.target).toMatch(/^(#|\[data-lesson=)/);
    }
  });

  it('no step is done on an empty app', () => {
    for (const lesson of LESSONS) for (const s of lesson.steps) expect(stepDone(s, EMPTY_FACTS, EMPTY_FACTS), `${lesson.id}/${s.id}`).toBe(false);
  });

  it('documents: done once documents are chunked, not while chunking goes on', () => {
    const s = step('open-book', 'documents');
    expect(stepDone(s, loaded, EMPTY_FACTS)).toBe(true);
    expect(stepDone(s, { ...loaded, chunking: true }, EMPTY_FACTS)).toBe(false);
    expect(stepDone(s, facts({ documents: 5 }), EMPTY_FACTS)).toBe(false);
  });

  it('asking: needs a search after the step began, with results, and not keyword search in the open-book lesson', () => {
    const s = step('open-book', 'ask');
    const base = facts({ ...indexed, searches: 2 });
    expect(stepDone(s, { ...base, lastSearch: search({}) }, base)).toBe(false);
    expect(stepDone(s, { ...base, searches: 3, lastSearch: search({}) }, base)).toBe(true);
    expect(stepDone(s, { ...base, searches: 3, lastSearch: search({ mode: 'keyword' }) }, base)).toBe(false);
    expect(stepDone(s, { ...base, searches: 3, lastSearch: search({ results: 0 }) }, base)).toBe(false);
  });

  it('the prompt step: asked again with another k', () => {
    const s = step('open-book', 'prompt');
    const base = facts({ ...indexed, searches: 1, topK: 4, lastSearch: search({}) });
    expect(stepDone(s, { ...base, searches: 2, topK: 4, lastSearch: search({ topK: 4 }) }, base)).toBe(false);
    expect(stepDone(s, { ...base, searches: 2, topK: 2, lastSearch: search({ topK: 2, results: 2 }) }, base)).toBe(true);
  });

  it('chunk size: smaller chunks, then another overlap, then an evaluation over three chunk sizes', () => {
    const base = facts({ ...loaded, chunkSize: 500, overlap: 50 });
    expect(stepDone(step('chunk-size', 'smaller'), { ...base, chunkSize: 200 }, base)).toBe(true);
    expect(stepDone(step('chunk-size', 'smaller'), { ...base, chunkSize: 200, chunking: true }, base)).toBe(false);
    expect(stepDone(step('chunk-size', 'smaller'), { ...base, chunkSize: 800 }, base)).toBe(false);
    expect(stepDone(step('chunk-size', 'overlap'), { ...base, overlap: 0 }, base)).toBe(true);
    const evaluate = step('chunk-size', 'evaluate');
    expect(stepDone(evaluate, { ...base, evaluations: 1, evaluationChunkSizes: [200, 500, 1000, 500] }, base)).toBe(true);
    expect(stepDone(evaluate, { ...base, evaluations: 1, evaluationChunkSizes: [null, 500] }, base)).toBe(false);
    expect(stepDone(evaluate, { ...base, evaluationChunkSizes: [200, 500, 1000] }, base)).toBe(false);
  });

  it('meaning vs keywords: keyword, then vector on the same question, then hybrid', () => {
    const base = facts({ ...indexed, searches: 1, lastSearch: search({ question: 'What is BM25?', mode: 'keyword' }) });
    expect(stepDone(step('meaning-keywords', 'vector'), { ...base, searches: 2, lastSearch: search({ question: 'What is BM25?' }) }, base)).toBe(true);
    expect(stepDone(step('meaning-keywords', 'vector'), { ...base, searches: 2, lastSearch: search({ question: 'Other?' }) }, base)).toBe(false);
    expect(stepDone(step('meaning-keywords', 'hybrid'), { ...base, searches: 2, lastSearch: search({ mode: 'hybrid' }) }, base)).toBe(true);
    expect(stepDone(step('meaning-keywords', 'keyword'), { ...base, searches: 2, lastSearch: search({ mode: 'keyword' }) }, base)).toBe(true);
  });

  it('reranking: a reranked search; without a reranker the learner may continue', () => {
    const s = step('reranking', 'rerank');
    const base = facts({ ...loaded, searches: 1 });
    expect(stepDone(s, { ...base, searches: 2, lastSearch: search({}) }, base)).toBe(false);
    expect(stepDone(s, { ...base, searches: 2, lastSearch: search({ reranked: true }) }, base)).toBe(true);
    expect(missingNeed(s, base)).toBe(true);
    expect(missingNeed(s, { ...base, rerankModelId: 'some/reranker' })).toBe(false);
  });

  it('the threshold step: on, and a search that returned fewer than k chunks', () => {
    const s = step('always-something', 'threshold');
    const base = facts({ ...indexed, searches: 1 });
    expect(stepDone(s, { ...base, threshold: true, searches: 2, lastSearch: search({ results: 2, topK: 4 }) }, base)).toBe(true);
    expect(stepDone(s, { ...base, threshold: true, searches: 2, lastSearch: search({ results: 0, topK: 4 }) }, base)).toBe(true);
    expect(stepDone(s, { ...base, threshold: false, searches: 2, lastSearch: search({ results: 2, topK: 4 }) }, base)).toBe(false);
    expect(stepDone(s, { ...base, threshold: true, searches: 2, lastSearch: search({ results: 4, topK: 4 }) }, base)).toBe(false);
    expect(step('always-something', 'threshold').expert).toBe(true);
  });

  it('steps that need a chat model: done by an answer, a comparison or a lab run; missing while none is loaded', () => {
    expect(stepDone(step('open-book', 'compare'), facts({ comparisons: 1 }), EMPTY_FACTS)).toBe(true);
    expect(stepDone(step('always-something', 'dont-know'), facts({ answers: 3 }), facts({ answers: 2 }))).toBe(true);
    expect(stepDone(step('lost-middle', 'lab'), facts({ positionRuns: 1 }), EMPTY_FACTS)).toBe(true);
    expect(missingNeed(step('lost-middle', 'lab'), EMPTY_FACTS)).toBe(true);
    expect(missingNeed(step('lost-middle', 'lab'), facts({ chatModelLoaded: true }))).toBe(false);
    expect(missingNeed(step('lost-middle', 'ask'), EMPTY_FACTS)).toBe(false);
  });

  it('lost in the middle: the best-first-and-last option switched', () => {
    const s = step('lost-middle', 'order');
    expect(stepDone(s, facts({ orderBothEnds: true }), EMPTY_FACTS)).toBe(true);
    expect(stepDone(s, facts({ orderBothEnds: true }), facts({ orderBothEnds: true }))).toBe(false);
  });
});

describe('lesson progress', () => {
  it('opens a lesson at its first step, waits for the check, then moves on', () => {
    let p = openLesson(NO_PROGRESS, 'open-book');
    expect(activeStep(p)).toMatchObject({ lessonId: 'open-book', index: 0, count: 5 });
    expect(nextStep(p)).toBe(p); // not passed yet: "next" does nothing
    p = nextStep(markPassed(p));
    expect(activeStep(p)).toMatchObject({ index: 1 });
    expect(p.passed).toBe(false);
  });

  it('a lesson left keeps its step, and is resumed there', () => {
    let p = nextStep(markPassed(openLesson(NO_PROGRESS, 'chunk-size')));
    p = leaveLesson(p);
    expect(p.active).toBeNull();
    expect(stepOf(p, 'chunk-size')).toBe(1);
    p = openLesson(p, 'open-book');
    expect(activeStep(p)).toMatchObject({ lessonId: 'open-book', index: 0 });
    p = openLesson(p, 'chunk-size');
    expect(activeStep(p)).toMatchObject({ lessonId: 'chunk-size', index: 1 });
  });

  it('finishing the last step closes the lesson and records it; it starts again from the first step', () => {
    let p = openLesson(NO_PROGRESS, 'reranking');
    for (let i = 0; i < 3; i++) p = nextStep(markPassed(p));
    expect(p.active).toBeNull();
    expect(p.finished).toEqual(['reranking']);
    expect(p.steps.reranking).toBeUndefined();
    expect(activeStep(openLesson(p, 'reranking'))).toMatchObject({ index: 0 });
  });

  it('back, and start again', () => {
    let p = nextStep(markPassed(nextStep(markPassed(openLesson(NO_PROGRESS, 'lost-middle')))));
    expect(stepOf(p, 'lost-middle')).toBe(2);
    p = previousStep(markPassed(p));
    expect(activeStep(p)).toMatchObject({ index: 1 });
    expect(p.passed).toBe(false);
    expect(activeStep(restartLesson(p, 'lost-middle'))).toMatchObject({ index: 0 });
  });

  it('an unknown lesson or a step out of range is harmless', () => {
    expect(openLesson(NO_PROGRESS, 'nope')).toBe(NO_PROGRESS);
    expect(stepOf({ ...NO_PROGRESS, steps: { 'open-book': 99 } }, 'open-book')).toBe(0);
    expect(activeStep({ ...NO_PROGRESS, active: 'nope' })).toBeNull();
  });
});

describe('helpers', () => {
  it('reads any chunker’s size and overlap', () => {
    expect(chunkerSizes({ kind: 'recursive', chunkSize: 500, overlap: 50 })).toEqual({ chunkSize: 500, overlap: 50 });
    expect(chunkerSizes({ kind: 'fixed', size: 300, overlap: 0 })).toEqual({ chunkSize: 300, overlap: 0 });
    expect(chunkerSizes({ kind: 'token', tokens: 128, overlapTokens: 16 })).toEqual({ chunkSize: 128, overlap: 16 });
    expect(chunkerSizes({ kind: 'semantic' })).toEqual({ chunkSize: null, overlap: null });
  });

  it('the chunk-size comparison: keyword search at three sizes, and the middle one without overlap', () => {
    let n = 0;
    const configs = chunkSizeComparison(() => `c${n++}`);
    expect(configs.map((c) => [c.mode, c.chunking])).toEqual([
      ['keyword', { kind: 'recursive', chunkSize: 100, overlap: 10 }],
      ['keyword', { kind: 'recursive', chunkSize: 300, overlap: 30 }],
      ['keyword', { kind: 'recursive', chunkSize: 1000, overlap: 100 }],
      ['keyword', { kind: 'recursive', chunkSize: 300, overlap: 0 }],
    ]);
    expect(new Set(configs.map((c) => c.id)).size).toBe(4);
    expect(configs.every((c) => c.topK === 2)).toBe(true);
  });
});
