// The lesson list (opened from the header): each lesson with what it teaches, where the learner is in it,
// and a button to start, resume or start it again. Not a dialog: the app stays usable beside it.
import { useTranslation } from 'react-i18next';
import { LESSONS } from '@openbook/core/lessons/lessonCatalog';
import { stepOf } from '@openbook/core/lessons/lessonProgress';
import { useLessonStore } from '../../state/lessons/lessonStore';
import { lessonSummary, lessonTitle } from './lessonText';

export function LessonList() {
  const { t } = useTranslation();
  const open = useLessonStore((s) => s.listOpen);
  const steps = useLessonStore((s) => s.steps);
  const finished = useLessonStore((s) => s.finished);
  const active = useLessonStore((s) => s.active);
  const setOpen = useLessonStore((s) => s.setListOpen);
  const start = useLessonStore((s) => s.open);
  const restart = useLessonStore((s) => s.restart);
  if (!open) return null;
  const progress = { active, steps, passed: false, finished };
  return (
    <section id="lessons" className="lessons-list" aria-labelledby="lessons-title">
      <div className="lessons-list-head">
        <h2 id="lessons-title">{t('lessons.listTitle')}</h2>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('lessons.close')}
        </button>
      </div>
      <p className="small muted">{t('lessons.listIntro')}</p>
      <ol className="lesson-cards">
        {LESSONS.map((lesson) => {
          const title = lessonTitle(t, lesson.id);
          const started = steps[lesson.id] !== undefined;
          const at = stepOf(progress, lesson.id);
          return (
            <li key={lesson.id} className="lesson-card" data-lesson-id={lesson.id}>
              <h3>{title}</h3>
              <p className="small">{lessonSummary(t, lesson.id)}</p>
              <p className="small muted">
                {t('lessons.stepCount', { count: lesson.steps.length })}
                {started && <> · {t('lessons.inProgress', { n: at + 1, total: lesson.steps.length })}</>}
                {finished.includes(lesson.id) && <> · {t('lessons.finished')}</>}
              </p>
              <div className="row">
                <button
                  type="button"
                  aria-label={`${started ? t('lessons.resume', { n: at + 1 }) : t('lessons.start')}: ${title}`}
                  onClick={() => {
                    start(lesson.id);
                    setOpen(false);
                  }}
                >
                  {started ? t('lessons.resume', { n: at + 1 }) : t('lessons.start')}
                </button>
                {started && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`${t('lessons.restart')}: ${title}`}
                    onClick={() => {
                      restart(lesson.id);
                      setOpen(false);
                    }}
                  >
                    {t('lessons.restart')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
