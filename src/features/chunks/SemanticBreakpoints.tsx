// The semantic chunker's breakpoints in the chunk view: the distance between each sentence window and the
// next as a bar, the threshold as a line, the bars above it (where chunks end) marked; and the list of them.
import { useTranslation } from 'react-i18next';
import type { SemanticChunkerSettings } from '@openbook/core/chunkers/semantic';
import { formatNumber } from '@openbook/core/format';
import { useSemanticAnalysis } from '../../state/chunks/semanticAnalysis';

const HEIGHT = 80;

export function SemanticBreakpoints({ name, text, settings }: { name: string; text: string; settings: SemanticChunkerSettings }) {
  const { t, i18n } = useTranslation();
  const state = useSemanticAnalysis(text, settings);
  if (state.status === 'loading') return <p className="muted small">{t('techniques.semantic.loading')}</p>;
  if (state.status === 'failed') return <p className="muted small">{state.detail}</p>;
  const { distances, cut, breakpoints, sentences } = state.analysis;
  if (distances.length === 0 || cut === null) return <p className="muted small">{t('techniques.semantic.none')}</p>;
  const n = (x: number) => formatNumber(x, i18n.language, 3);
  const max = Math.max(cut, ...distances, 1e-9);
  const y = (d: number) => HEIGHT - (d / max) * (HEIGHT - 4);
  const breaks = new Set(breakpoints);
  const width = Math.max(distances.length * 6, 60);
  return (
    <section className="semantic-breakpoints" aria-label={t('techniques.semantic.chartLabel', { name })}>
      <h3 className="small">{t('techniques.semantic.chartTitle', { breakpoints: breakpoints.length, gaps: distances.length, cut: n(cut) })}</h3>
      <p className="small muted" data-testid="semantic-embedder">
        {state.embedder
          ? t('retr14.semanticEmbedder.model', { model: state.embedder.modelId, device: state.embedder.device })
          : t('retr14.semanticEmbedder.builtin')}
      </p>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={t('techniques.semantic.chartLabel', { name })}
      >
        {distances.map((d, i) => (
          <rect
            key={i}
            x={i * (width / distances.length) + 0.5}
            width={Math.max(1, width / distances.length - 1)}
            y={y(d)}
            height={HEIGHT - y(d)}
            fill={breaks.has(i) ? 'var(--accent, #c0392b)' : 'var(--muted, #999)'}
          >
            <title>{t('techniques.semantic.breakpointItem', { n: i + 1, distance: n(d) })}</title>
          </rect>
        ))}
        <line x1={0} x2={width} y1={y(cut)} y2={y(cut)} stroke="currentColor" strokeDasharray="3 2" strokeWidth={0.8} />
      </svg>
      <details>
        <summary className="small">{t('techniques.semantic.breakpointList')}</summary>
        <ol className="small" aria-label={t('techniques.semantic.breakpointList')}>
          {breakpoints.map((i) => (
            <li key={i} title={text.slice(sentences[i]!.start, sentences[i]!.end)}>
              {t('techniques.semantic.breakpointItem', { n: i + 1, distance: n(distances[i]!) })}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
