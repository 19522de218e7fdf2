// Parent-child (small-to-big) retrieval's settings: on or off, the parent (the hit's section, or a window of
// ±n neighbouring chunks) and n.
import { useTranslation } from 'react-i18next';
import { MAX_PARENT_WINDOW, type ParentMode } from '@openbook/core/retrieval/parentChild';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';

export function ParentChildSettings() {
  const { t } = useTranslation();
  const search = useRetrievalStore((s) => s.search);
  const setSearch = useRetrievalStore((s) => s.setSearch);
  const { parent } = search;
  return (
    <div className="row" role="group" aria-label={t('techniques.parent.legend')}>
      <label className="choice" title={t('techniques.parent.help')}>
        <input type="checkbox" checked={search.parentChild} onChange={(e) => setSearch({ parentChild: e.target.checked })} />
        {t('techniques.parent.enable')}
      </label>
      {search.parentChild && (
        <>
          <label>
            {t('techniques.parent.mode')}{' '}
            <select value={parent.mode} onChange={(e) => setSearch({ parent: { ...parent, mode: e.target.value as ParentMode } })}>
              <option value="section">{t('techniques.parent.section')}</option>
              <option value="window">{t('techniques.parent.window')}</option>
            </select>
          </label>
          <label title={t('techniques.parent.windowHelp')}>
            {t('techniques.parent.neighbours')}{' '}
            <input
              type="number"
              min={0}
              max={MAX_PARENT_WINDOW}
              value={parent.window}
              onChange={(e) => setSearch({ parent: { ...parent, window: Number(e.target.value) || 0 } })}
            />
          </label>
          <p className="small muted">{t('techniques.parent.explain')}</p>
        </>
      )}
    </div>
  );
}
