// The editable prompt template, with a warning for every placeholder problem.
import { useTranslation } from 'react-i18next';
import { checkTemplate } from '@openbook/core/prompt';
import { templateIn, usePromptStore } from '../../state/augment/promptStore';
import { Alert } from '../../ui/Alert';

export function TemplateEditor() {
  const { t, i18n } = useTranslation();
  const template = templateIn(
    usePromptStore((s) => s.custom),
    i18n.language,
  );
  const setTemplate = usePromptStore((s) => s.setTemplate);
  const resetToDefault = usePromptStore((s) => s.resetToDefault);
  const uiIsChinese = i18n.language.startsWith('zh');
  const issues = checkTemplate(template);

  return (
    <div className="template-editor">
      <label>
        {t('prompt.template')}
        <textarea id="prompt-template" value={template} onChange={(e) => setTemplate(e.target.value)} rows={9} spellCheck={false} />
      </label>
      <p className="muted small">{t('prompt.placeholders')}</p>
      <div className="row">
        <button type="button" className="secondary" onClick={() => resetToDefault(uiIsChinese ? 'en' : 'interface')}>
          {t('prompt.resetEnglish')}
        </button>
        <button type="button" className="secondary" onClick={() => resetToDefault(uiIsChinese ? 'interface' : 'zh')}>
          {t('prompt.resetChinese')}
        </button>
      </div>
      {issues.map((issue) => (
        <Alert key={`${issue.code}-${issue.name ?? ''}`} level="warning">
          {t(`prompt.issues.${issue.code}`, { name: issue.name ?? '' })}
        </Alert>
      ))}
    </div>
  );
}
