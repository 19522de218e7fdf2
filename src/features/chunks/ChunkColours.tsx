// The document's text with each chunk's span coloured in turn and overlaps hatched (as ChunkViz shows it).
// A large document is rendered a stretch at a time: more text appears as the reader scrolls near the end of
// what is shown, so a 5 MB document never puts megabytes of spans into the page at once.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textRuns } from '@openbook/core/chunkLayers';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import { formatNumber } from '@openbook/core/format';

/** Characters rendered at first, and added each time the reader nears the end. */
const STRETCH = 20_000;
const PALETTE = 6;

export function ChunkColours({ doc, chunks, label }: { doc: SourceDocument; chunks: Chunk[]; label: string }) {
  const { t, i18n } = useTranslation();
  const [shownChars, setShownChars] = useState(STRETCH);
  const box = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLSpanElement>(null);
  const total = doc.text.length;
  const shown = Math.min(total, shownChars);
  // Only the chunks that start in the text shown so far (chunks come in order of their start).
  const runs = useMemo(() => textRuns(shown, chunks.slice(0, startingBefore(chunks, shown))), [shown, chunks]);

  useEffect(() => setShownChars(STRETCH), [doc.id]);
  useEffect(() => {
    const target = sentinel.current;
    if (!target || shown >= total || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setShownChars((c) => c + STRETCH);
      },
      { root: box.current, rootMargin: '400px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [shown, total]);

  const parts: React.ReactNode[] = [];
  for (const r of runs) {
    const text = doc.text.slice(r.start, r.end);
    if (r.depth === 0)
      parts.push(
        <span key={r.start} className="cv-gap">
          {text}
        </span>,
      );
    else if (r.depth === 1) {
      parts.push(
        <span key={r.start} className={`cv cv-${r.chunk % PALETTE}`} title={t('chunkers.chunkTitle', { index: r.chunk + 1 })}>
          {text}
        </span>,
      );
    } else {
      parts.push(
        <mark key={r.start} className={`cv cv-${r.chunk % PALETTE} cv-overlap`} title={t('chunkers.overlapTitle', { from: r.first + 1, to: r.chunk + 1 })}>
          {text}
        </mark>,
      );
    }
  }

  return (
    <div className="chunk-colours">
      <p className="muted small">{t('chunkers.coloursLegend')}</p>
      <div ref={box} className="document-text chunk-viz" role="region" aria-label={label} tabIndex={0}>
        {parts}
        <span ref={sentinel} />
      </div>
      {shown < total && (
        <p className="muted small">
          {t('chunkers.rendering', { shown: formatNumber(shown, i18n.language), total: formatNumber(total, i18n.language) })}{' '}
          <button type="button" className="secondary" onClick={() => setShownChars((c) => c + STRETCH * 5)}>
            {t('chunkers.showRest')}
          </button>
        </p>
      )}
    </div>
  );
}

/** How many chunks (in order of their start) start before position p. */
function startingBefore(chunks: Chunk[], p: number): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.start < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
