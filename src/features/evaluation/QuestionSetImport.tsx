// Filling the question set from a JSONL or CSV file, or with the sample set; an import with bad rows
// changes nothing and lists each problem with its line.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import type { ImportProblem } from '@openbook/core/evaluation/parseQuestionSet';
import { Alert } from '../../ui/Alert';
import { FileButton } from '../../ui/FileButton';
import { downloadText } from '../../ui/download';
import { questionSetJsonl } from '@openbook/core/evaluation/questionSetJsonl';

const SHOWN_PROBLEMS = 10;

function ProblemText({ problem }: { problem: ImportProblem }) {
  const { t } = useTranslation();
  const what = t(`evaluation.import.problems.${problem.code}`, {
    detail: problem.detail ?? '',
    field: problem.field ?? '',
    found: problem.found ?? 0,
    expected: problem.expected ?? 0,
  });
  return <>{problem.line !== null ? t('evaluation.import.line', { line: problem.line }) + what : what}</>;
}

export function QuestionSetImport() {
  const { t } = useTranslation();
  const importFile = useEvaluationStore((s) => s.importFile);
  const loadSample = useEvaluationStore((s) => s.loadSampleQuestions);
  const clear = useEvaluationStore((s) => s.clearQuestions);
  const hasQuestions = useEvaluationStore((s) => s.questions.length > 0);
  const problems = useEvaluationStore((s) => s.importProblems);
  const running = useEvaluationStore((s) => s.phase === 'running');

  return (
    <div className="evaluation-import">
      <div className="row">
        <FileButton
          inputLabel={t('evaluation.import.choose')}
          accept=".jsonl,.ndjson,.json,.csv,.tsv,.txt,text/csv,application/json"
          disabled={running}
          onFile={(file) => void importFile(file)}
        >
          {t('evaluation.import.choose')}
        </FileButton>
        <button type="button" className="secondary" disabled={running} onClick={loadSample}>
          {t('evaluation.questions.sample')}
        </button>
        {hasQuestions && (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              downloadText(questionSetJsonl(useEvaluationStore.getState().questions), 'openbook-questions.jsonl', 'application/x-ndjson;charset=utf-8', false)
            }
          >
            {t('questionGeneration.export')}
          </button>
        )}
        {hasQuestions && (
          <button type="button" className="secondary" disabled={running} onClick={clear}>
            {t('evaluation.questions.clear')}
          </button>
        )}
      </div>
      <p className="small muted">{t('evaluation.import.hint')}</p>
      {problems && (
        <Alert level="error" onDismiss={() => useEvaluationStore.getState().dismissImportProblems()}>
          <p>{t('evaluation.import.problemsTitle', { name: problems.fileName })}</p>
          <ul className="import-problems">
            {problems.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              <li key={i}>
                <ProblemText problem={p} />
              </li>
            ))}
          </ul>
          {problems.problems.length > SHOWN_PROBLEMS && <p>{t('evaluation.import.more', { count: problems.problems.length - SHOWN_PROBLEMS })}</p>}
        </Alert>
      )}
    </div>
  );
}
