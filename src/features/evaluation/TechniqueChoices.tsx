// An evaluation configuration's retrieval techniques (issue 14): stop words, stemming and contextual
// headers for keyword search, contextual headers in the embeddings, parent-child retrieval. Each is a field of the configuration,
// so the results table compares them on the same questions.
import { useTranslation } from 'react-i18next';
import { keywordAnalysisOf, keywordHeadersOf, type EvalConfiguration } from '@openbook/core/evaluation/configuration';
import { DEFAULT_PARENT_SETTINGS, MAX_PARENT_WINDOW, sanitizeParentSettings, type ParentMode } from '@openbook/core/retrieval/parentChild';

type Patch = Partial<Omit<EvalConfiguration, 'id'>>;

export function TechniqueChoices({ c, set }: { c: EvalConfiguration; set: (patch: Patch) => void }) {
  const { t } = useTranslation();
  const analysis = keywordAnalysisOf(c);
  const keyword = c.mode !== 'vector';
  return (
    <div className="row" role="group" aria-label={t('techniques.evaluation.legend')}>
      <span className="small">{t('techniques.evaluation.legend')}:</span>
      {keyword && (
        <>
          <label className="choice" title={t('techniques.keyword.stopWordsHelp')}>
            <input type="checkbox" checked={analysis.stopWords} onChange={(e) => set({ stopWords: e.target.checked })} />
            {t('techniques.keyword.stopWords')}
          </label>
          <label className="choice" title={t('techniques.keyword.stemmingHelp')}>
            <input type="checkbox" checked={analysis.stemming} onChange={(e) => set({ stemming: e.target.checked })} />
            {t('techniques.keyword.stemming')}
          </label>
          <label className="choice" title={t('techniques.keyword.headersHelp')}>
            <input type="checkbox" checked={keywordHeadersOf(c)} onChange={(e) => set({ contextualHeaders: e.target.checked })} />
            {t('techniques.keyword.headers')}
          </label>
        </>
      )}
      <label className="choice" title={t('techniques.parent.help')}>
        <input
          type="checkbox"
          checked={(c.parentChild ?? null) !== null}
          onChange={(e) => set({ parentChild: e.target.checked ? DEFAULT_PARENT_SETTINGS : null })}
        />
        {t('techniques.evaluation.parentChild')}
      </label>
      {c.parentChild && (
        <>
          <label>
            {t('techniques.parent.mode')}{' '}
            <select value={c.parentChild.mode} onChange={(e) => set({ parentChild: { ...c.parentChild!, mode: e.target.value as ParentMode } })}>
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
              value={c.parentChild.window}
              onChange={(e) => set({ parentChild: sanitizeParentSettings({ ...c.parentChild!, window: Number(e.target.value) || 0 }) })}
            />
          </label>
        </>
      )}
      {c.mode !== 'keyword' && (
        <label className="choice" title={t('techniques.evaluation.embedHeadersHelp')}>
          <input type="checkbox" checked={c.embedHeaders ?? false} onChange={(e) => set({ embedHeaders: e.target.checked })} />
          {t('techniques.evaluation.embedHeaders')}
        </label>
      )}
    </div>
  );
}
