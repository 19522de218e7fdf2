// The question set, editable in place: each question with its expected document and expected text.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { Alert } from '../../ui/Alert';
import { normalizeForMatch } from '@openbook/core/evaluation/relevance';

const DOCUMENT_NAMES_ID = 'evaluation-document-names';

export function QuestionSetEditor() {
  const { t } = useTranslation();
  const questions = useEvaluationStore((s) => s.questions);
  const update = useEvaluationStore((s) => s.updateQuestion);
  const remove = useEvaluationStore((s) => s.removeQuestion);
  const add = useEvaluationStore((s) => s.addQuestion);
  const running = useEvaluationStore((s) => s.phase === 'running');
  const documentNames = useDocumentsStore((s) => s.documents.map((d) => d.name).join('\n'));
  // Expected documents that are not in the workspace can never be found: say so before a run.
  const known = new Set(documentNames.split('\n').filter(Boolean).map(normalizeForMatch));
  const unknown = [...new Set(questions.map((q) => q.expectedDocument?.trim() ?? '').filter((d) => d && !known.has(normalizeForMatch(d))))];

  return (
    <div className="question-set">
      <h3>
        {t('evaluation.questions.title')} <span className="muted small">{t('evaluation.questions.count', { count: questions.length })}</span>
      </h3>
      <p className="small muted">{t('evaluation.questions.relevantHint')}</p>
      {questions.length === 0 ? (
        <p className="muted">{t('evaluation.questions.none')}</p>
      ) : (
        <ol className="question-list" aria-label={t('evaluation.questions.listLabel')}>
          {questions.map((q, i) => {
            const n = i + 1;
            return (
              <li key={q.id} className="question-row">
                <input
                  aria-label={t('evaluation.questions.question', { n })}
                  placeholder={t('evaluation.questions.questionPlaceholder')}
                  value={q.question}
                  disabled={running}
                  onChange={(e) => update(q.id, { question: e.target.value })}
                />
                <input
                  aria-label={t('evaluation.questions.expectedDocument', { n })}
                  placeholder={t('evaluation.questions.documentPlaceholder')}
                  list={DOCUMENT_NAMES_ID}
                  value={q.expectedDocument ?? ''}
                  disabled={running}
                  onChange={(e) => update(q.id, { expectedDocument: e.target.value })}
                />
                <input
                  aria-label={t('evaluation.questions.expectedSubstring', { n })}
                  placeholder={t('evaluation.questions.substringPlaceholder')}
                  value={q.expectedSubstring ?? ''}
                  disabled={running}
                  onChange={(e) => update(q.id, { expectedSubstring: e.target.value })}
                />
                <button
                  type="button"
                  className="link-button"
                  disabled={running}
                  aria-label={t('evaluation.questions.remove', { n })}
                  onClick={() => remove(q.id)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {known.size > 0 && unknown.length > 0 && (
        <Alert level="warning">{t('evaluation.questions.unknownDocuments', { count: unknown.length, names: unknown.join(', ') })}</Alert>
      )}
      <datalist id={DOCUMENT_NAMES_ID}>
        {documentNames
          .split('\n')
          .filter(Boolean)
          .map((name) => (
            <option key={name} value={name} />
          ))}
      </datalist>
      <button type="button" id="add-evaluation-question" className="secondary" disabled={running} onClick={add}>
        {t('evaluation.questions.add')}
      </button>
    </div>
  );
}
