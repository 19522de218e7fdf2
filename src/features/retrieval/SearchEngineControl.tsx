// The vector engine switch (the exact scan, the default, or Voy), and which engine answered the last
// question, in how long, and why the exact scan answered when Voy was chosen.
import { useTranslation } from 'react-i18next';
import type { IndexEngine } from '../../state/models/catalog';
import { engineReasonText } from '../embedding';
import { useIndexEngineStore } from '../../state/embedding/indexEngineStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { formatMs } from '@openbook/core/format';

/** The exact scan first: it is the default (see indexEngineStore.ts). */
const ENGINES: IndexEngine[] = ['exact', 'voy'];

export function SearchEngineControl() {
  const { t, i18n } = useTranslation();
  const engine = useIndexEngineStore((s) => s.engine);
  const setEngine = useIndexEngineStore((s) => s.setEngine);
  const status = useIndexStore((s) => s.indexStatus);
  const last = useRetrievalStore((s) => s.last);

  return (
    <div className="search-engine">
      <fieldset className="engine-picker">
        <legend>{t('indexEngine.label')}</legend>
        <div className="row">
          {ENGINES.map((e) => (
            <label key={e} className="choice">
              <input type="radio" name="index-engine" value={e} checked={engine === e} onChange={() => setEngine(e)} />
              {t(`indexEngine.choice.${e}`)}
            </label>
          ))}
        </div>
        <p className="muted small">{t('indexEngine.help')}</p>
      </fieldset>
      {last && (
        <p className="small" data-testid="engine-answer" role="status">
          {last.engine === null
            ? t('results.noVectorSearch')
            : t('indexEngine.answered', { engine: t(`embedding.engine.${last.engine}`), time: formatMs(last.searchMs, i18n.language) })}
          {last.engineReason ? ` ${engineReasonText(t, last.engineReason, status)}` : ''}
        </p>
      )}
    </div>
  );
}
