// The guided lessons as data: each a short list of steps, each step the control it points at (a CSS selector
// of a stable id or data-lesson attribute), what it needs, and the check over the app's state that says it
// was done (a pure predicate over the facts now and the facts when the step began; see lessonFacts.ts).
// The texts are i18n keys derived from the ids: lessons.<lesson>.title / .summary and
// lessons.<lesson>.steps.<step>.do / .done (and .without for a step that needs a model, .question for a
// step that suggests a question for the sample corpus).
import type { LessonFacts } from './lessonFacts';

export type LessonId = 'open-book' | 'chunk-size' | 'meaning-keywords' | 'reranking' | 'always-something' | 'lost-middle';

/** What a step needs that may not be available offline; without it the learner may read on and continue. */
export type LessonNeed = 'chat' | 'reranker';

/** Something the lesson panel can do for the learner (a button), carried out by the state layer. */
export type LessonAction = 'chunk-size-comparison';

export interface LessonStep {
  id: string;
  /** The control to highlight: a CSS selector (an element id or a data-lesson attribute). */
  target: string;
  /** The control is shown in the expert view only. */
  expert?: boolean;
  /** The step suggests a question for the sample corpus (lessons.<lesson>.steps.<step>.question). */
  suggestsQuestion?: boolean;
  needs?: LessonNeed;
  action?: LessonAction;
  /** Done? `now`: the app's facts now; `base`: when the step began. */
  check(now: LessonFacts, base: LessonFacts): boolean;
}

export interface Lesson {
  id: LessonId;
  steps: readonly LessonStep[];
}

// Checks several lessons share.
const hasChunks = (now: LessonFacts) => now.documents > 0 && now.chunks > 0 && !now.chunking;
const hasIndex = (now: LessonFacts) => hasChunks(now) && now.indexed > 0;
/** A search finished after the step began, and it returned chunks. */
const searchedAgain = (now: LessonFacts, base: LessonFacts) => now.searches > base.searches && (now.lastSearch?.results ?? 0) > 0;

const documentsStep: LessonStep = { id: 'documents', target: '[data-lesson="load-sample"]', check: hasChunks };
const embedStep: LessonStep = { id: 'embed', target: '[data-lesson="embed"]', check: hasIndex };

export const LESSONS: readonly Lesson[] = [
  {
    id: 'open-book',
    steps: [
      documentsStep,
      embedStep,
      {
        id: 'ask',
        target: '[data-lesson="ask-form"]',
        suggestsQuestion: true,
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.mode !== 'keyword',
      },
      {
        id: 'prompt',
        target: '[data-lesson="top-k"]',
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.topK !== base.topK,
      },
      { id: 'compare', target: '#compare-answers', needs: 'chat', check: (now, base) => now.comparisons > base.comparisons },
    ],
  },
  {
    id: 'chunk-size',
    steps: [
      documentsStep,
      {
        id: 'smaller',
        target: '[data-lesson="chunk-settings"]',
        check: (now, base) => hasChunks(now) && now.chunkSize !== null && base.chunkSize !== null && now.chunkSize < base.chunkSize,
      },
      {
        id: 'overlap',
        target: '[data-lesson="chunk-settings"]',
        check: (now, base) => hasChunks(now) && now.overlap !== base.overlap,
      },
      {
        id: 'evaluate',
        target: '#evaluation .evaluation-run',
        action: 'chunk-size-comparison',
        check: (now, base) => now.evaluations > base.evaluations && new Set(now.evaluationChunkSizes.filter((s) => s !== null)).size >= 3,
      },
    ],
  },
  {
    id: 'meaning-keywords',
    steps: [
      documentsStep,
      embedStep,
      {
        id: 'keyword',
        target: '[data-lesson="search-mode"]',
        suggestsQuestion: true,
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.mode === 'keyword',
      },
      {
        id: 'vector',
        target: '[data-lesson="search-mode"]',
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.mode === 'vector' && now.lastSearch!.question === base.lastSearch?.question,
      },
      {
        id: 'hybrid',
        target: '[data-lesson="search-mode"]',
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.mode === 'hybrid',
      },
    ],
  },
  {
    id: 'reranking',
    steps: [
      documentsStep,
      { id: 'ask', target: '[data-lesson="ask-form"]', suggestsQuestion: true, check: searchedAgain },
      {
        id: 'rerank',
        target: '#ask .rerank-settings',
        needs: 'reranker',
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.reranked,
      },
    ],
  },
  {
    id: 'always-something',
    steps: [
      documentsStep,
      embedStep,
      {
        id: 'off-topic',
        target: '[data-lesson="ask-form"]',
        suggestsQuestion: true,
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.mode === 'vector',
      },
      {
        id: 'threshold',
        target: '[data-lesson="threshold"]',
        expert: true,
        check: (now, base) => now.threshold && now.searches > base.searches && now.lastSearch !== null && now.lastSearch.results < now.lastSearch.topK,
      },
      { id: 'dont-know', target: '#generation', needs: 'chat', check: (now, base) => now.answers > base.answers },
    ],
  },
  {
    id: 'lost-middle',
    steps: [
      documentsStep,
      {
        id: 'ask',
        target: '[data-lesson="ask-form"]',
        suggestsQuestion: true,
        check: (now, base) => searchedAgain(now, base) && now.lastSearch!.results >= 3,
      },
      { id: 'lab', target: '#lab-positions', needs: 'chat', check: (now, base) => now.positionRuns > base.positionRuns },
      { id: 'order', target: '#context-order-both-ends', check: (now, base) => now.orderBothEnds !== base.orderBothEnds },
    ],
  },
];

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);

/** Chunk sizes the chunk-size lesson compares (recursive chunker, characters), and the one it runs without overlap. */
export const COMPARED_CHUNK_SIZES = [100, 300, 1000] as const;
/** The k of its configurations: the answer must be among the top 2 chunks. */
export const COMPARED_TOP_K = 2;
