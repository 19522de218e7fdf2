// The lesson in progress, in a compact panel at the bottom of the screen (beside the app, not over it: a
// bottom sheet on phones, which can be folded): the step, what to do, a suggested question or a set-up
// button where the step has one, "Show me" (outline the control and scroll to it), and, once the app's
// state shows the step done, what changed and the way on. A step that needs a model which is not loaded
// says why, what it would show, and lets the learner continue.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activeStep, missingNeed } from '@openbook/core/lessons/lessonProgress';
import { useLessonStore } from '../../state/lessons/lessonStore';
import { applySuggestedQuestion, runLessonAction, type LessonActionOutcome } from '../../state/lessons/lessonActions';
import { useViewModeStore } from '../../state/view/viewModeStore';
import { outline, showTarget } from './highlight';
import { lessonTitle, stepText } from './lessonText';

export function LessonPanel() {
  const { t } = useTranslation();
  const state = useLessonStore();
  const mode = useViewModeStore((s) => s.mode);
  const setMode = useViewModeStore((s) => s.setMode);
  const [folded, setFolded] = useState(false);
  const [missing, setMissing] = useState(false);
  const [actionDone, setActionDone] = useState<LessonActionOutcome | null>(null);
  const open = activeStep(state);
  const target = open?.step.target ?? null;
  const stepKey = open ? `${open.lessonId}/${open.index}` : null;

  // A new step: point at its control (scrolled into view), and forget the previous step's notes.
  useEffect(() => {
    setMissing(false);
    setActionDone(null);
    if (target) showTarget(target);
    return () => void outline(null);
  }, [stepKey, target]);
  // The control may appear later (after a search, a model...): outline it when it does.
  useEffect(() => {
    if (target) outline(target);
  }, [target, state.facts]);

  if (!open) return null;
  const { lessonId, index, count, step } = open;
  const title = lessonTitle(t, lessonId);
  const need = missingNeed(step, state.facts);
  const last = index + 1 === count;
  const question = step.suggestsQuestion ? stepText(t, lessonId, step.id, 'question') : null;

  return (
    <>
      <div className="lesson-spacer" aria-hidden="true" />
      <section className={`lesson-panel${folded ? ' folded' : ''}`} aria-label={t('lessons.panelTitle', { title })} data-step={step.id}>
        <div className="lesson-panel-head">
          <p className="lesson-kicker small muted">
            {t('lessons.panelLabel')} · {t('lessons.stepOf', { n: index + 1, total: count })}
          </p>
          <button type="button" className="link-button small" aria-expanded={!folded} onClick={() => setFolded(!folded)}>
            {folded ? t('lessons.unfold') : t('lessons.fold')}
          </button>
        </div>
        <h2 className="lesson-title">{title}</h2>
        {!folded && (
          <div className="lesson-body">
            <p className="lesson-do" data-testid="lesson-do">
              {stepText(t, lessonId, step.id, 'do')}
            </p>
            {question && (
              <p className="small">
                {t('lessons.suggested', { question })}{' '}
                <button type="button" className="secondary small" onClick={() => applySuggestedQuestion(question)}>
                  {t('lessons.useQuestion')}
                </button>
              </p>
            )}
            {step.action && (
              <p className="small">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setActionDone(runLessonAction(step.action!));
                  }}
                >
                  {t(`lessons.action.${step.action}`)}
                </button>
                {actionDone && (
                  <span className="muted" role="status">
                    {' '}
                    {t(actionDone === 'ready' ? `lessons.actionDone.${step.action}` : 'lessons.needsQuestions')}
                  </span>
                )}
              </p>
            )}
            {step.expert && mode !== 'expert' && (
              <p className="small">
                {t('lessons.expertOnly')}{' '}
                <button type="button" className="secondary small" onClick={() => setMode('expert')}>
                  {t('lessons.showExpert')}
                </button>
              </p>
            )}
            <p className="small">
              <button type="button" className="secondary small" onClick={() => setMissing(!showTarget(step.target))}>
                {t('lessons.show')}
              </button>
              {missing && (
                <span className="muted" role="status">
                  {' '}
                  {t('lessons.notOnScreen')}
                </span>
              )}
            </p>
            <div className="lesson-status" role="status" data-testid="lesson-status" data-passed={state.passed}>
              {state.passed ? (
                <>
                  <p className="lesson-passed">{need ? t('lessons.continued') : t('lessons.passed')}</p>
                  <p className="small">{need ? stepText(t, lessonId, step.id, 'without') : stepText(t, lessonId, step.id, 'done')}</p>
                </>
              ) : (
                <p className="small muted">{t('lessons.waiting')}</p>
              )}
            </div>
            {need && !state.passed && (
              <div className="lesson-without" data-testid="lesson-without">
                <p className="small">{stepText(t, lessonId, step.id, 'without')}</p>
                <button type="button" className="secondary" onClick={state.continueWithout}>
                  {t('lessons.continueWithout')}
                </button>
              </div>
            )}
          </div>
        )}
        <div className="row lesson-nav">
          <button type="button" className="secondary" disabled={index === 0} onClick={state.back}>
            {t('lessons.back')}
          </button>
          <button type="button" disabled={!state.passed} onClick={state.next}>
            {last ? t('lessons.finish') : t('lessons.next')}
          </button>
          <button type="button" className="secondary" onClick={state.leave}>
            {t('lessons.leave')}
          </button>
        </div>
      </section>
    </>
  );
}
