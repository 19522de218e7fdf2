// Statistics of one chunking of the selected document: chunk count, lengths in characters and in tokens of
// the embedding model, and how many chunks the model would cut short (and by how much).
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { codePointCounter } from '@openbook/core/unicodeText';
import { chunkStats, type Spread } from '@openbook/core/chunkStats';
import type { Chunk } from '@openbook/core/types';
import { mayCountWith, requestTokenCounts, useChunkTokensStore, type ChunkView } from '../../state/chunks/chunkTokensStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useChunkingStore } from '../../state/chunks/chunkingStore';
import { formatNumber } from '@openbook/core/format';
import { useModelLabel } from './ChunkSettings';

interface Props {
  view: ChunkView;
  /** The document's text, which the chunks' offsets point into. */
  text: string;
  chunks: Chunk[];
  /** Names the chunks (document and settings): token counts are redone when it changes. */
  chunksKey: string;
}

export function ChunkStatsPanel({ view, text, chunks, chunksKey }: Props) {
  const { t, i18n } = useTranslation();
  const tokenizer = useChunkingStore((s) => s.tokenizer);
  const counted = useChunkTokensStore((s) => s.byView[view]);
  const modelLabel = useModelLabel() ?? '';
  const loadedModelId = useIndexStore((s) => s.loaded?.modelId ?? null);
  const allowed = useChunkTokensStore((s) => s.allowed);
  const allow = useChunkTokensStore((s) => s.allow);
  const mayCount = !!tokenizer && mayCountWith(tokenizer, loadedModelId);
  useEffect(() => {
    if (chunks.length > 0 && mayCount) requestTokenCounts(view, text, chunks, chunksKey);
  }, [view, text, chunks, chunksKey, tokenizer, mayCount, allowed]);

  const counter = useMemo(() => counterFor(text), [text]);
  const lengths = useMemo(() => Int32Array.from(chunks, (c) => counter(c.start, c.end)), [counter, chunks]);
  const current = counted && counted.key.startsWith(`${chunksKey}|`) && counted.total === chunks.length ? counted : null;
  const stats = useMemo(() => chunkStats(lengths, current?.counts ?? null, current ? current.maxTokens : null), [lengths, current]);
  const n = (x: number, digits = 0) => formatNumber(x, i18n.language, digits);
  const spread = (s: Spread | null) => (s ? t('chunkers.spread', { min: n(s.min), mean: n(s.mean, 1), max: n(s.max) }) : '–');

  let tokens: string;
  let truncated: string;
  let askToCount = false;
  if (!tokenizer) tokens = truncated = t('chunkers.tokensNoModel');
  else if (!mayCount) {
    tokens = truncated = '–';
    askToCount = true;
  } else if (!current) tokens = truncated = '–';
  else if (current.error) tokens = truncated = t('chunkers.tokensUnavailable', { detail: current.error });
  else if (!current.counts) tokens = truncated = t('chunkers.tokensCounting', { done: n(current.done), total: n(current.total) });
  else {
    tokens = spread(stats.tokens);
    const tr = stats.truncated!;
    truncated =
      tr.count === 0
        ? t('chunkers.truncatedNone', { model: modelLabel, max: n(current.maxTokens) })
        : t('chunkers.truncatedSome', { count: tr.count, model: modelLabel, max: n(current.maxTokens), maxOver: n(tr.maxOver), totalOver: n(tr.tokensOver) });
  }

  return (
    <>
      <dl className="chunk-stats" aria-label={t('chunkers.statsLabel', { name: view === 'a' ? t('chunkers.nameA') : t('chunkers.nameB') })}>
        <div>
          <dt>{t('chunkers.statChunks')}</dt>
          <dd data-testid={`chunk-count-${view}`}>{n(stats.count)}</dd>
        </div>
        <div>
          <dt>{t('chunkers.statChars')}</dt>
          <dd>{spread(stats.chars)}</dd>
        </div>
        <div>
          <dt>{t('chunkers.statTokens')}</dt>
          <dd>{tokens}</dd>
        </div>
        <div>
          <dt>{t('chunkers.statTruncated')}</dt>
          <dd className={stats.truncated && stats.truncated.count > 0 ? 'warning-text' : undefined}>{truncated}</dd>
        </div>
      </dl>
      {askToCount && tokenizer && (
        <p className="muted small">
          <button type="button" className="secondary" onClick={() => allow(tokenizer.modelId)}>
            {t('chunkers.countTokens', { model: modelLabel })}
          </button>{' '}
          {t('chunkers.countTokensHint')}
        </p>
      )}
    </>
  );
}

/** One counter per document text, shared by the panels of A and B (it takes one pass over the text). */
let lastCounter: { text: string; count: (start: number, end: number) => number } | null = null;
function counterFor(text: string) {
  if (lastCounter?.text !== text) lastCounter = { text, count: codePointCounter(text) };
  return lastCounter.count;
}

/** Tokens over the model's limit for each chunk (0 when it fits), once counted; null before. */
export function useTokensOver(view: ChunkView, chunksKey: string, count: number): Int32Array | null {
  // Selected piece by piece, so that progress updates while counting do not redraw the caller.
  const counts = useChunkTokensStore((s) => s.byView[view]?.counts ?? null);
  const key = useChunkTokensStore((s) => s.byView[view]?.key ?? '');
  const maxTokens = useChunkTokensStore((s) => s.byView[view]?.maxTokens ?? 0);
  return useMemo(() => {
    if (!counts || !key.startsWith(`${chunksKey}|`) || counts.length !== count) return null;
    return counts.map((c) => Math.max(0, c - maxTokens));
  }, [counts, key, maxTokens, chunksKey, count]);
}
