// One step of the RAG pipeline on screen: a numbered card with a title and a one-line explanation. Its
// content sits in an error boundary: if it fails, the card says what failed and the other steps go on.
import type { ReactNode } from 'react';
import { stepShouldThrowForTest } from '../state/runtime/testHooks';
import { ErrorBoundary } from './ErrorBoundary';

/** Throws while rendering when an end-to-end test asked this step to (see src/state/runtime/testHooks.ts). */
function ThrowForTest({ id }: { id: string }) {
  if (stepShouldThrowForTest(id)) throw new Error(`A failure in the "${id}" step, made by a test`);
  return null;
}

interface Props {
  step: number;
  id: string;
  title: string;
  subtitle: string;
  children: ReactNode;
  actions?: ReactNode;
}

export function StepCard({ step, id, title, subtitle, children, actions }: Props) {
  return (
    <section className="step" aria-labelledby={`${id}-title`} id={id}>
      <header className="step-header">
        <span className="step-number" aria-hidden="true">
          {step}
        </span>
        <div className="step-titles">
          <h2 id={`${id}-title`}>{title}</h2>
          <p className="muted">{subtitle}</p>
        </div>
        {actions && <div className="step-actions">{actions}</div>}
      </header>
      <div className="step-body">
        <ErrorBoundary scope="step" name={id}>
          <ThrowForTest id={id} />
          {children}
        </ErrorBoundary>
      </div>
    </section>
  );
}
