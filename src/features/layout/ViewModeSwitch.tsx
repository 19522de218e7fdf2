// Beginner or expert view (src/state/view/viewModeStore.ts): two radio buttons in the header.
import { useTranslation } from 'react-i18next';
import { VIEW_MODES, useViewModeStore } from '../../state/view/viewModeStore';

export function ViewModeSwitch() {
  const { t } = useTranslation();
  const mode = useViewModeStore((s) => s.mode);
  const setMode = useViewModeStore((s) => s.setMode);
  return (
    <fieldset className="view-mode" title={t('uipath.view.help')}>
      <legend>{t('uipath.view.label')}</legend>
      {VIEW_MODES.map((m) => (
        <label key={m} className="choice">
          <input type="radio" name="view-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
          {t(`uipath.view.${m}`)}
        </label>
      ))}
    </fieldset>
  );
}
