// Where the learner is in the lessons, and how that moves: which lesson is open, the step each lesson is at
// (so that one left is resumed at its step), whether the open step is done, and the lessons finished. Pure.
import type { LessonFacts } from './lessonFacts';
import { lessonById, type LessonStep } from './lessonCatalog';

export interface LessonsProgress {
  /** The lesson in progress (shown in the lesson panel), or null. */
  active: string | null;
  /** The step (0-based) each lesson started is at. */
  steps: Record<string, number>;
  /** The active step's check has passed (or the learner continued without what it needs). */
  passed: boolean;
  /** Lessons finished at least once. */
  finished: string[];
}

export const NO_PROGRESS: LessonsProgress = { active: null, steps: {}, passed: false, finished: [] };

/** The step a lesson is at (0 when it was never started or the record is out of range). */
export function stepOf(progress: LessonsProgress, lessonId: string): number {
  const lesson = lessonById(lessonId);
  const at = progress.steps[lessonId] ?? 0;
  return lesson && Number.isInteger(at) && at >= 0 && at < lesson.steps.length ? at : 0;
}

/** Open a lesson at its step (a finished one starts again from the first step). */
export function openLesson(progress: LessonsProgress, lessonId: string): LessonsProgress {
  if (!lessonById(lessonId)) return progress;
  const restart = progress.finished.includes(lessonId) && progress.steps[lessonId] === undefined;
  return { ...progress, active: lessonId, passed: false, steps: { ...progress.steps, [lessonId]: restart ? 0 : stepOf(progress, lessonId) } };
}

/** Start a lesson again from its first step. */
export function restartLesson(progress: LessonsProgress, lessonId: string): LessonsProgress {
  return openLesson({ ...progress, steps: { ...progress.steps, [lessonId]: 0 } }, lessonId);
}

/** Close the lesson panel; the lesson keeps its step. */
export function leaveLesson(progress: LessonsProgress): LessonsProgress {
  return { ...progress, active: null, passed: false };
}

/** The open step's check passed (kept until the step changes, even if the learner changes things again). */
export function markPassed(progress: LessonsProgress): LessonsProgress {
  return progress.active && !progress.passed ? { ...progress, passed: true } : progress;
}

/**
 * On to the next step, once the open one has passed; after the last, the lesson is finished (its step
 * record is dropped, so that it starts again from the first step next time) and closed.
 */
export function nextStep(progress: LessonsProgress): LessonsProgress {
  const { active } = progress;
  const lesson = active ? lessonById(active) : undefined;
  if (!lesson || !progress.passed) return progress;
  const at = stepOf(progress, lesson.id);
  if (at + 1 < lesson.steps.length) return { ...progress, passed: false, steps: { ...progress.steps, [lesson.id]: at + 1 } };
  const { [lesson.id]: _done, ...steps } = progress.steps;
  return { active: null, passed: false, steps, finished: progress.finished.includes(lesson.id) ? progress.finished : [...progress.finished, lesson.id] };
}

/** Back to the previous step (to look at it again: it must be done again). */
export function previousStep(progress: LessonsProgress): LessonsProgress {
  const { active } = progress;
  if (!active) return progress;
  const at = stepOf(progress, active);
  return at === 0 ? progress : { ...progress, passed: false, steps: { ...progress.steps, [active]: at - 1 } };
}

/** The open lesson's step, or null. */
export function activeStep(progress: LessonsProgress): { lessonId: string; index: number; count: number; step: LessonStep } | null {
  const lesson = progress.active ? lessonById(progress.active) : undefined;
  if (!lesson) return null;
  const index = stepOf(progress, lesson.id);
  return { lessonId: lesson.id, index, count: lesson.steps.length, step: lesson.steps[index]! };
}

/** The step's check over the facts now and when it began. */
export const stepDone = (step: LessonStep, now: LessonFacts, base: LessonFacts): boolean => step.check(now, base);

/** The step needs a chat model or a reranker that is not there: the learner may read why and continue. */
export function missingNeed(step: LessonStep, now: LessonFacts): boolean {
  if (step.needs === 'chat') return !now.chatModelLoaded;
  if (step.needs === 'reranker') return now.rerankModelId === null;
  return false;
}
