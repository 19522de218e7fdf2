// Step 5: augmentation — the retrieved chunks and the question put into the prompt template.
import { useTranslation } from 'react-i18next';
import { StepCard } from '../../ui/StepCard';
import { useFilledPrompt } from '../../state/augment/filledPrompt';
import { TemplateEditor } from './TemplateEditor';
import { FilledPromptView } from './FilledPromptView';
import { BudgetView } from './BudgetView';
import { ContextOrderOption } from './ContextOrderOption';

export function PromptStep() {
  const { t } = useTranslation();
  const filled = useFilledPrompt();
  return (
    <StepCard step={5} id="prompt" title={t('prompt.title')} subtitle={t('prompt.subtitle')}>
      <TemplateEditor />
      <ContextOrderOption />
      {filled && <BudgetView prompt={filled} />}
      {filled ? <FilledPromptView prompt={filled} /> : <p className="muted">{t('prompt.waiting')}</p>}
    </StepCard>
  );
}
