// Step 7: evaluating retrieval on a question set, over several configurations.
import { useTranslation } from 'react-i18next';
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
  return (
    <StepCard step={7} id="evaluation" title={t('evaluation.title')} subtitle={t('evaluation.subtitle')}>
      <QuestionSetImport />
      <QuestionGenerator />
      <QuestionSetEditor />
      <ConfigurationList />
      <EvaluationRunPanel />
      <EvaluationResults />
      <QuestionDrilldown />
      <AnswerQualityPanel />
      <AdapterPanel />
    </StepCard>
  );
}
