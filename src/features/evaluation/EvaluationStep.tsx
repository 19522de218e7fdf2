// Step 7: evaluating retrieval on a question set, over several configurations.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { useFocusWhenDone } from '../../ui/useFocusWhenDone';
import { StepCard } from '../../ui/StepCard';
import { QuestionSetImport } from './QuestionSetImport';
import { QuestionSetEditor } from './QuestionSetEditor';
import { ConfigurationList } from './ConfigurationList';
import { EvaluationRunPanel } from './EvaluationRunPanel';
import { EvaluationResults } from './EvaluationResults';
import { QuestionDrilldown } from './QuestionDrilldown';
import { AdapterPanel } from './AdapterPanel';
import { AnswerQualityPanel } from './AnswerQualityPanel';
import { QuestionGenerator } from './QuestionGenerator';

export function EvaluationStep() {
  const { t } = useTranslation();
  const running = useEvaluationStore((s) => s.phase === 'running');
  const resultsRef = useRef<HTMLDivElement>(null);
  useFocusWhenDone(running, resultsRef);
  return (
    <StepCard step={7} tool id="evaluation" title={t('evaluation.title')} subtitle={t('evaluation.subtitle')}>
      <QuestionSetImport />
      <QuestionGenerator />
      <QuestionSetEditor />
      <ConfigurationList />
      <EvaluationRunPanel />
      <div ref={resultsRef} tabIndex={-1} className="focus-target">
        <EvaluationResults />
      </div>
      <QuestionDrilldown />
      <AnswerQualityPanel />
      <AdapterPanel />
    </StepCard>
  );
}
