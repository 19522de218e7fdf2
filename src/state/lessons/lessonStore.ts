// The lesson in progress: which lesson is open, the step each lesson is at, whether the open step is done,
// the lessons finished, and whether the lesson list is shown. Progress is kept in localStorage (read back
// with schemas, like other settings), so a lesson left, or the page reloaded, resumes at its step. The
// open step's check runs on every change of the stores it reads (watchLessons), against the facts taken
// when the step began (kept in memory: after a reload the step begins again from what is on screen).
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as v from 'valibot';
import { EMPTY_FACTS, type LessonFacts } from '@openbook/core/lessons/lessonFacts';
import { LESSONS } from '@openbook/core/lessons/lessonCatalog';
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
  type LessonsProgress,
} from '@openbook/core/lessons/lessonProgress';
import { settingsStorage } from '../runtime/persistence';
import { schemaPersistOptions } from '../runtime/persistedSchema';
import { readLessonFacts, watchLessonFacts } from './lessonFacts';

interface LessonState extends LessonsProgress {
  /** The lesson list is shown. */
  listOpen: boolean;
  /** The facts when the open step began. */
  baseline: LessonFacts;
  /** The facts now (refreshed on every change while watching). */
  facts: LessonFacts;
  setListOpen(open: boolean): void;
  open(lessonId: string): void;
  restart(lessonId: string): void;
  leave(): void;
  next(): void;
  back(): void;
  /** Go on without the model the step needs (it is not available): the step counts as done. */
  continueWithout(): void;
}

const LESSON_IDS = LESSONS.map((l) => l.id) as string[];
const lessonId = v.picklist(LESSON_IDS);

/** Move the progress on, and take the new step's baseline when the step changed. */
function move(get: () => LessonState, set: (s: Partial<LessonState>) => void, change: (p: LessonsProgress) => LessonsProgress) {
  const { active, steps, passed, finished } = get();
  const before = activeStep({ active, steps, passed, finished });
  const after = change({ active, steps, passed, finished });
  const now = activeStep(after);
  const stepChanged = before?.lessonId !== now?.lessonId || before?.index !== now?.index;
  const facts = readLessonFacts();
  set({ ...after, ...(stepChanged ? { baseline: facts, facts } : {}) });
  checkStep();
}

export const useLessonStore = create<LessonState>()(
  persist(
    (set, get) => ({
      ...NO_PROGRESS,
      listOpen: false,
      baseline: EMPTY_FACTS,
      facts: EMPTY_FACTS,
      setListOpen: (listOpen) => set({ listOpen }),
      open: (id) => move(get, set, (p) => openLesson(p, id)),
      restart: (id) => move(get, set, (p) => restartLesson(p, id)),
      leave: () => move(get, set, leaveLesson),
      next: () => move(get, set, nextStep),
      back: () => move(get, set, previousStep),
      continueWithout: () => {
        const open = activeStep(get());
        if (open && missingNeed(open.step, get().facts)) set(markPassed(get()));
      },
    }),
    {
      name: 'openbook.lessons',
      storage: settingsStorage,
      partialize: (s) => ({ active: s.active, steps: s.steps, passed: s.passed, finished: s.finished }),
      ...schemaPersistOptions<LessonState>('openbook.lessons', {
        active: v.nullable(lessonId),
        steps: v.pipe(
          v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50))),
          v.transform((r) => Object.fromEntries(Object.entries(r).filter(([id]) => LESSON_IDS.includes(id)))),
        ),
        passed: v.boolean(),
        finished: v.pipe(
          v.array(v.string()),
          v.transform((ids) => ids.filter((id) => LESSON_IDS.includes(id))),
        ),
      }),
    },
  ),
);

/**
 * Run the open step's check on the facts now; a pass is kept until the step changes. Nothing is done with
 * no lesson open, and the store is only set when the facts changed (the stores change often: a streamed
 * answer token by token, embedding progress...).
 */
export function checkStep(): void {
  const state = useLessonStore.getState();
  const open = activeStep(state);
  if (!open) return;
  const facts = readLessonFacts();
  const passes = !state.passed && stepDone(open.step, facts, state.baseline);
  if (passes) useLessonStore.setState({ facts, passed: true });
  else if (JSON.stringify(facts) !== JSON.stringify(state.facts)) useLessonStore.setState({ facts });
}

let watchers = 0;
let stopWatching: (() => void) | null = null;

/**
 * Check the open step on every change of the stores it reads; the step resumed after a reload begins from
 * the facts as they are then. Returns the function that stops (watching is shared: it stops with the last).
 */
export function watchLessons(): () => void {
  if (watchers++ === 0) {
    useLessonStore.setState({ baseline: readLessonFacts() });
    stopWatching = watchLessonFacts(checkStep);
    checkStep();
  }
  return () => {
    if (--watchers === 0) {
      stopWatching?.();
      stopWatching = null;
    }
  };
}
