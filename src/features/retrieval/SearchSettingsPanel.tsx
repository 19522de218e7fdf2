// Step 4's search settings: mode (vector / keyword / hybrid), fusion and its weight, candidates N, MMR and
// its λ, a score threshold (labelled with the score it applies to), and for keyword and hybrid search the
// keyword techniques: stop words, stemming, contextual chunk headers. Candidates, MMR and the threshold are
// expert controls (src/ui/ExpertOnly.tsx): hidden in the beginner view, still in force.
import { useTranslation } from 'react-i18next';
import type { FusionMethod, SearchMode } from '@openbook/core/retrievalConfig';
import { MAX_CANDIDATES } from '@openbook/core/retrieval/searchSettings';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { formatNumber } from '@openbook/core/format';
import { finalScoreLabel } from './scoreLabels';
import { ParentChildSettings } from './ParentChildSettings';
import { ExpertOnly } from '../../ui/ExpertOnly';

const MODES: SearchMode[] = ['vector', 'keyword', 'hybrid'];

export function SearchSettingsPanel({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const search = useRetrievalStore((s) => s.search);
  const setSearch = useRetrievalStore((s) => s.setSearch);
  const n = (x: number) => formatNumber(x, i18n.language, 2);

  return (
    <fieldset className="search-settings" disabled={disabled}>
      <legend>{t('search.settings')}</legend>
      <div className="row" role="radiogroup" data-lesson="search-mode" aria-label={t('search.mode.label')}>
        {MODES.map((mode) => (
          <label key={mode} className="choice">
            <input type="radio" name="search-mode" value={mode} checked={search.mode === mode} onChange={() => setSearch({ mode })} />
            {t(`search.mode.${mode}`)} <span className="muted small">({t(`search.mode.${mode}Help`)})</span>
          </label>
        ))}
      </div>
      {search.mode === 'hybrid' && (
        <div className="row">
          <label>
            {t('search.fusion.label')}{' '}
            <select value={search.fusion} onChange={(e) => setSearch({ fusion: e.target.value as FusionMethod })}>
              <option value="rrf">{t('search.fusion.rrf')}</option>
              <option value="weighted">{t('search.fusion.weighted')}</option>
            </select>
          </label>
          {search.fusion === 'weighted' && (
            <label>
              {t('search.fusion.weight')}{' '}
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={search.vectorWeight}
                onChange={(e) => setSearch({ vectorWeight: Number(e.target.value) })}
              />{' '}
              <output className="small">{t('search.fusion.weightValue', { vector: n(search.vectorWeight), keyword: n(1 - search.vectorWeight) })}</output>
            </label>
          )}
        </div>
      )}
      {search.mode !== 'vector' && (
        <fieldset className="row" aria-label={t('techniques.keyword.legend')}>
          <span className="small">{t('techniques.keyword.legend')}:</span>
          <label className="choice" title={t('techniques.keyword.stopWordsHelp')}>
            <input type="checkbox" checked={search.stopWords} onChange={(e) => setSearch({ stopWords: e.target.checked })} />
            {t('techniques.keyword.stopWords')}
          </label>
          <label className="choice" title={t('techniques.keyword.stemmingHelp')}>
            <input type="checkbox" checked={search.stemming} onChange={(e) => setSearch({ stemming: e.target.checked })} />
            {t('techniques.keyword.stemming')}
          </label>
          <label className="choice" title={t('techniques.keyword.headersHelp')}>
            <input type="checkbox" checked={search.contextualHeaders} onChange={(e) => setSearch({ contextualHeaders: e.target.checked })} />
            {t('techniques.keyword.headers')}
          </label>
          <p className="small muted">{t('techniques.keyword.explain')}</p>
        </fieldset>
      )}
      <ExpertOnly>
        <div className="row">
          <label title={t('search.candidatesHelp')}>
            {t('search.candidates')}{' '}
            <input
              type="number"
              min={1}
              max={MAX_CANDIDATES}
              value={search.candidates}
              onChange={(e) => setSearch({ candidates: Number(e.target.value) || 1 })}
            />
          </label>
          <label className="choice">
            <input type="checkbox" checked={search.mmr} onChange={(e) => setSearch({ mmr: e.target.checked })} />
            {t('search.mmr')}
          </label>
          {search.mmr && (
            <label title={t('search.mmrLambdaHelp')}>
              {t('search.mmrLambda')}{' '}
              <input type="range" min={0} max={1} step={0.05} value={search.mmrLambda} onChange={(e) => setSearch({ mmrLambda: Number(e.target.value) })} />{' '}
              <output className="small">{n(search.mmrLambda)}</output> <span className="muted small">({t('search.mmrLambdaHelp')})</span>
            </label>
          )}
        </div>
        <div className="row" data-lesson="threshold">
          <label className="choice">
            <input type="checkbox" checked={search.threshold} onChange={(e) => setSearch({ threshold: e.target.checked })} />
            {t('search.threshold')}
          </label>
          {search.threshold && (
            <label>
              {t('search.minScore')}{' '}
              <input type="number" step="any" value={search.minScore} onChange={(e) => setSearch({ minScore: Number(e.target.value) })} />{' '}
              <span className="muted small">{t('search.appliesTo', { score: finalScoreLabel(t, { ...search, rerankModelId: null }, i18n.language) })}</span>
            </label>
          )}
        </div>
      </ExpertOnly>
      <ParentChildSettings />
    </fieldset>
  );
}
