// The ingestion pipeline's one progress display: every stage (reading, chunking, keyword index,
// embedding, vector index) with its state and counts, moving together as files flow through, and Cancel.
import { useTranslation } from 'react-i18next';
import { PIPELINE_STAGES, usePipelineStore, type PipelineStage, type PipelineState } from '../../state/documents/pipelineStore';
import { cancelIngestPipeline } from '../../state/flows/ingestPipeline';
import { useIndexStore } from '../../state/embedding/indexStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { isBuiltinLsa } from '@openbook/core/lsa/builtinLsa';
import { formatBytes, formatNumber } from '@openbook/core/format';

type Counts = { value?: number; max?: number; detail?: string };

function useStageCounts(): (stage: PipelineStage, s: PipelineState) => Counts {
  const { t, i18n } = useTranslation();
  const indexing = useIndexStore((s) => s.indexing);
  const indexEmbedded = useIndexStore((s) => s.embedded);
  const builtin = useIndexStore((s) => isBuiltinLsa(s.modelId));
  // The built-in embedder's fit (step 3 shows no bar of its own while the pipeline runs).
  const fitting = useIndexStore((s) => (s.phase === 'fitting' ? s.fitting : null));
  return (stage, s) => {
    switch (stage) {
      case 'reading': {
        const files = t('ingestPipeline.files', s.files);
        // A lone file chunked while it is read: how far it has got (pages, or bytes).
        const r = s.stages.reading === 'working' && s.read && s.read.done < s.read.total ? s.read : null;
        if (!r) return { value: s.files.done, max: s.files.total, detail: files };
        const read =
          r.unit === 'pages'
            ? t('fileStream.pages', { name: r.name, done: formatNumber(r.done, i18n.language), total: formatNumber(r.total, i18n.language) })
            : t('fileStream.bytes', { name: r.name, done: formatBytes(r.done, i18n.language), total: formatBytes(r.total, i18n.language) });
        return { value: s.files.done + r.done / r.total, max: s.files.total, detail: `${files} · ${read}` };
      }
      case 'chunking':
        // A lone file chunked while it is read is no document yet: its chunks so far.
        if (s.documents.total === 0 && s.chunks > 0) return { detail: t('ingestPipeline.chunksOfFileRead', { chunks: s.chunks }) };
        return { value: s.documents.done, max: s.documents.total, detail: t('ingestPipeline.documents', { ...s.documents, chunks: s.chunks }) };
      case 'keywords':
        return {
          ...(s.stages.keywords === 'working' ? {} : { value: s.stages.keywords === 'done' ? 1 : 0, max: 1 }),
          detail: t('ingestPipeline.keywords', { chunks: s.keywordChunks }),
        };
      case 'embedding': {
        // The built-in embedder runs its own run at the end: its counts come from the embedding step.
        if (fitting && s.stages.embedding === 'working')
          return {
            ...(fitting.total > 0 ? { value: fitting.done, max: fitting.total } : {}),
            detail: `${t(`embedding.progress.fitStage.${fitting.stage}`)} · ${t('embedding.progress.chunksDetail', { done: fitting.done, total: fitting.total })}`,
          };
        const e = s.embedded.total > 0 || !indexEmbedded ? s.embedded : { ...indexEmbedded, final: true };
        // The built-in embedder cannot start before the last chunk: say why while it waits.
        if (s.stages.embedding === 'waiting') return builtin && s.status === 'running' ? { detail: t('ingestStream.lsaWaits') } : {};
        return { value: e.done, max: e.total, detail: t(e.final ? 'ingestPipeline.embedded' : 'ingestPipeline.embeddedSoFar', e) };
      }
      case 'indexing':
        if (s.stages.indexing === 'done') return { value: 1, max: 1 };
        return indexing && s.stages.indexing === 'working' ? { value: indexing.done, max: indexing.total, detail: t('ingestPipeline.indexing', indexing) } : {};
    }
  };
}

export function PipelineProgress() {
  const { t } = useTranslation();
  const state = usePipelineStore();
  const counts = useStageCounts();
  if (state.status === 'idle') return null;
  const running = state.status === 'running';
  const detail = state.error ? t(state.error.key, state.error.values ?? {}) : '';
  return (
    <section className="ingest-pipeline" aria-label={t('ingestPipeline.title')}>
      <div className="row">
        <strong>{t('ingestPipeline.title')}</strong>
        <span className="muted" role="status">
          {t(`ingestPipeline.status.${state.status}`, { seconds: ((state.ms ?? 0) / 1000).toFixed(1), detail })}
        </span>
        {running && state.stages.indexing !== 'working' && (
          <button type="button" className="secondary" aria-label={t('ingestPipeline.cancelLabel')} onClick={cancelIngestPipeline}>
            {t('ingestPipeline.cancel')}
          </button>
        )}
      </div>
      <ul className="progress-list pipeline-stages" aria-label={t('ingestPipeline.stagesLabel')}>
        {PIPELINE_STAGES.map((stage) => {
          const stageState = state.stages[stage];
          // Waiting (or stopped) with nothing counted: an empty bar, not a busy one.
          const c = { ...(stageState === 'working' ? {} : { value: 0, max: 1 }), ...counts(stage, state) };
          return (
            <li key={stage} className={`pipeline-stage pipeline-${stageState}`} data-state={stageState}>
              <ProgressBar
                label={t(`ingestPipeline.stage.${stage}`)}
                value={c.value}
                max={c.max}
                detail={[t(`ingestPipeline.state.${stageState}`), c.detail].filter(Boolean).join(' · ')}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
