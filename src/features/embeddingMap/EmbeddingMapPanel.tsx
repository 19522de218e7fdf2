// The embedding map panel: method (PCA or UMAP) and seed, draw with progress and cancel, the map with its
// legend and axes, the question and its hits, and the points as a table.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectionMethod } from '../../state/models/catalog';
import { MAP_MAX_POINTS, UMAP_MAX_POINTS, useEmbeddingMapStore } from '../../state/embeddingMap/embeddingMapStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatNumber } from '@openbook/core/format';
import { documentColor } from './documentColors';
import { EmbeddingMapPlot } from './EmbeddingMapPlot';
import { PointTable } from './PointTable';

const METHODS: ProjectionMethod[] = ['pca', 'umap'];

export function EmbeddingMapPanel() {
  const { t, i18n } = useTranslation();
  const { method, seed, phase, progress, map, query, error, notice } = useEmbeddingMapStore();
  const { setMethod, setSeed, draw, cancel, placeQuery } = useEmbeddingMapStore.getState();
  const indexed = useIndexStore((s) => s.indexedChunks);
  const documents = useDocumentsStore((s) => s.documents);
  const last = useRetrievalStore((s) => s.last);
  const computing = phase === 'computing';

  useEffect(() => {
    if (phase === 'ready') void placeQuery(last);
  }, [last, map, phase, placeQuery]);

  const docOrder = new Map(documents.map((d, i) => [d.id, i]));
  const colorOf = (docId: string) => documentColor(docOrder.get(docId) ?? documents.length);
  const nameOf = (docId: string) => documents.find((d) => d.id === docId)?.name ?? t('ask.removedDocument');
  const n = (x: number) => formatNumber(x, i18n.language);
  const pct = (x: number) => formatNumber(100 * x, i18n.language, 1);

  const counts = new Map<string, number>();
  for (const p of map?.points ?? []) counts.set(p.chunk.docId, (counts.get(p.chunk.docId) ?? 0) + 1);
  const legend = [...counts].sort((a, b) => (docOrder.get(a[0]) ?? 0) - (docOrder.get(b[0]) ?? 0));
  const stageText = progress
    ? progress.stage === 'layout'
      ? t('embeddingMap.progress.layout')
      : t(`embeddingMap.progress.${progress.stage}`)
    : t('embeddingMap.progress.start');

  return (
    <section className="step tool" aria-labelledby="embedding-map-title" id="embedding-map">
      <header className="step-header">
        <span className="step-number" aria-hidden="true">
          8
        </span>
        <div className="step-titles">
          <p className="step-kicker">{t('uipath.toolOnly', { n: 8 })}</p>
          <h2 id="embedding-map-title" tabIndex={-1}>
            {t('embeddingMap.title')}
          </h2>
          <p className="muted">{t('embeddingMap.subtitle')}</p>
        </div>
      </header>
      <div className="step-body">
        <div className="row map-controls">
          <fieldset className="engine-picker" disabled={computing}>
            <legend>{t('embeddingMap.method')}</legend>
            <div className="row">
              {METHODS.map((m) => (
                <label key={m} className="choice">
                  <input type="radio" name="map-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                  {t(`embeddingMap.methods.${m}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            {t('embeddingMap.seed')}
            <input type="number" min={0} step={1} value={seed} disabled={computing} onChange={(e) => setSeed(Number(e.target.value))} />
          </label>
          <button type="button" disabled={computing || indexed.size === 0} onClick={() => void draw()}>
            {map ? t('embeddingMap.redraw') : t('embeddingMap.draw')}
          </button>
          {computing && (
            <button type="button" className="secondary" onClick={cancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
        <p className="muted small">
          {t(method === 'umap' ? 'embeddingMap.methodHelp.umap' : 'embeddingMap.methodHelp.pca', {
            max: n(method === 'umap' ? UMAP_MAX_POINTS : MAP_MAX_POINTS),
          })}
        </p>
        {indexed.size === 0 && <p className="muted small">{t('embeddingMap.needIndex')}</p>}
        {computing && (
          <ProgressBar
            label={stageText}
            value={progress && progress.stage !== 'neighbours' ? progress.done : undefined}
            max={progress && progress.stage !== 'neighbours' ? progress.total : undefined}
            detail={progress?.stage === 'layout' ? t('embeddingMap.progress.epochs', { done: progress.done, total: progress.total }) : undefined}
          />
        )}
        {error && (
          <Alert level="error" onDismiss={() => useEmbeddingMapStore.setState({ error: null })}>
            <MessageText message={error} />
          </Alert>
        )}
        {notice && !computing && (
          <Alert level="info" onDismiss={() => useEmbeddingMapStore.setState({ notice: null })}>
            <MessageText message={notice} />
          </Alert>
        )}
        {map && (
          <>
            {map.source !== indexed && <Alert level="warning">{t('embeddingMap.stale')}</Alert>}
            <p className="small" data-testid="map-summary">
              {map.points.length < map.total
                ? t('embeddingMap.sampled', { shown: n(map.points.length), total: n(map.total), seed: map.seed })
                : t('embeddingMap.all', { count: map.points.length })}{' '}
              {map.explained
                ? t('embeddingMap.axes.pca', { x: pct(map.explained[0]), y: pct(map.explained[1]) })
                : t('embeddingMap.axes.umap', { seed: map.seed })}
            </p>
            <EmbeddingMapPlot
              map={map}
              query={query}
              colorOf={colorOf}
              nameOf={nameOf}
              label={t('embeddingMap.label', { count: map.points.length, method: t(`embeddingMap.methods.${map.method}`) })}
            />
            <ul className="map-legend" aria-label={t('embeddingMap.legend')}>
              {legend.map(([docId, count]) => (
                <li key={docId}>
                  <span className="map-swatch" style={{ background: colorOf(docId) }} aria-hidden="true" />
                  {t('embeddingMap.legendItem', { document: nameOf(docId), count })}
                </li>
              ))}
            </ul>
            <p className="muted small" data-testid="map-query-note">
              {query ? t('embeddingMap.queryNote', { question: query.run.question, count: query.hits.length }) : t('embeddingMap.noQuery')}
            </p>
            <PointTable map={map} query={query} nameOf={nameOf} />
          </>
        )}
      </div>
    </section>
  );
}
