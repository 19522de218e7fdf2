// One step of the RAG pipeline on screen: a numbered card with a title and a one-line explanation. Its
// content sits in an error boundary: if it fails, the card says what failed and the other steps go on.
// The step the user must act on next shows the one-line hint (src/ui/NextHint.tsx) at its top; tools
// (evaluation, the embedding map) are numbered after the six steps and drawn as secondary.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { stepShouldThrowForTest } from '../state/runtime/testHooks';
import { usePipelineProgress } from '../state/view/pipelineProgress';
import { ErrorBoundary } from './ErrorBoundary';
import { NextHint } from './NextHint';

/** Throws while rendering when an end-to-end test asked this step to (see src/state/runtime/testHooks.ts). */
function ThrowForTest({ id }: { id: string }) {
  if (stepShouldThrowForTest(id)) throw new Error(`A failure in the "${id}" step, made by a test`);
  return null;
}

/** The hint, in the card of the step to act on next. */
function HintHere({ id }: { id: string }) {
  const { states, next } = usePipelineProgress();
  return next === id ? <NextHint next={next} state={states[next]} className="in-step" /> : null;
}

interface Props {
  step: number;
  id: string;
  title: string;
  subtitle: string;
  children: ReactNode;
  actions?: ReactNode;
  /** A secondary tool after the six steps (evaluation, the embedding map). */
  tool?: boolean;
}

export function StepCard({ step, id, title, subtitle, children, actions, tool }: Props) {
  const { t } = useTranslation();
  const stage = t(`uipath.stage.${id}`);
  const kicker =
    stage === title ? t(tool ? 'uipath.toolOnly' : 'uipath.stepOnly', { n: step }) : t(tool ? 'uipath.toolKicker' : 'uipath.stepKicker', { n: step, stage });
  return (
    <section className={tool ? 'step tool' : 'step'} aria-labelledby={`${id}-title`} id={id}>
      <header className="step-header">
        <span className="step-number" aria-hidden="true">
          {step}
        </span>
        <div className="step-titles">
          <p className="step-kicker">{kicker}</p>
          <h2 id={`${id}-title`} tabIndex={-1}>
            {title}
          </h2>
          <p className="muted">{subtitle}</p>
        </div>
        {actions && <div className="step-actions">{actions}</div>}
      </header>
      <div className="step-body">
        {!tool && <HintHere id={id} />}
        <ErrorBoundary scope="step" name={id}>
          <ThrowForTest id={id} />
          {children}
        </ErrorBoundary>
      </div>
    </section>
  );
}
