// "RAG or fine-tuning?": six questions that decide between them, each linked to the place in the app that
// shows it (the link scrolls to that control and focuses it, or says why it is not on screen yet).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusControl } from './focusControl';

type QuestionKey = 'data' | 'behaviour' | 'hallucination' | 'labels' | 'change' | 'transparency';

/** Each question, which way it points, and the element id of the control that shows it. */
const QUESTIONS: readonly { key: QuestionKey; target: string }[] = [
  { key: 'data', target: 'compare-answers' },
  { key: 'behaviour', target: 'prompt-template' },
  { key: 'hallucination', target: 'answer-text' },
  { key: 'labels', target: 'add-evaluation-question' },
  { key: 'change', target: 'choose-files' },
  { key: 'transparency', target: 'filled-prompt' },
];

export function RagOrFineTuning() {
  const { t } = useTranslation();
  const [missing, setMissing] = useState<QuestionKey | null>(null);
  return (
    <details id="rag-or-fine-tuning" className="models-panel explainer">
      <summary>{t('labs.explainer.title')}</summary>
      <p className="small">{t('labs.explainer.intro')}</p>
      <ol className="explainer-questions">
        {QUESTIONS.map(({ key, target }) => (
          <li key={key} data-testid={`explainer-${key}`}>
            <h3>
              {t(`labs.explainer.questions.${key}.q`)} <span className="badge">{t(`labs.explainer.questions.${key}.leans`)}</span>
            </h3>
            <p className="small">{t(`labs.explainer.questions.${key}.a`)}</p>
            <a
              href={`#${target}`}
              onClick={(e) => {
                e.preventDefault();
                setMissing(focusControl(target) ? null : key);
              }}
            >
              {t(`labs.explainer.questions.${key}.link`)}
            </a>
            {missing === key && (
              <p className="small muted" role="status">
                {t('labs.explainer.notOnScreen', { hint: t(`labs.explainer.questions.${key}.hint`) })}
              </p>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
