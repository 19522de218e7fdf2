// One step of the RAG pipeline on screen: a numbered card with a title and a one-line explanation.
import type { ReactNode } from 'react';

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
      <div className="step-body">{children}</div>
    </section>
  );
}
