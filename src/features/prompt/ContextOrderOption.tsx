// The option to order the context best-first-and-last ("lost in the middle"), off by default.
import { useTranslation } from 'react-i18next';
import { usePromptStore } from '../../state/augment/promptStore';

export function ContextOrderOption() {
  const { t } = useTranslation();
  const on = usePromptStore((s) => s.orderBothEnds);
  const setOn = usePromptStore((s) => s.setOrderBothEnds);
  return (
    <div className="context-order">
      <label className="choice">
        <input type="checkbox" id="context-order-both-ends" checked={on} onChange={(e) => setOn(e.target.checked)} />
        {t('labs.bothEnds.label')}
      </label>
      <p className="muted small">{t('labs.bothEnds.help')}</p>
    </div>
  );
}
