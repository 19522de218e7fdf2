// The map itself: an SVG with one dot per chunk (coloured by document), the question as a star and its
// hits as numbered rings. Hovering a dot shows its chunk; clicking opens it in its document. The hits
// are buttons (Tab, Enter); every point is also in the table below the map (PointTable).
import { useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chunk } from '@openbook/core/types';
import type { DrawnMap, PlacedQuery } from '../../state/embeddingMap/embeddingMapStore';
import { showChunkInDocument } from '../../state/chunks/showChunk';

const W = 640;
const H = 420;
const PAD = 18;
const TIP_CHARS = 280;

interface Props {
  map: DrawnMap;
  query: PlacedQuery | null;
  colorOf: (docId: string) => string;
  nameOf: (docId: string) => string;
  label: string;
}

interface Hover {
  chunk: Chunk;
  x: number;
  y: number;
}

function scaler(map: DrawnMap, query: PlacedQuery | null) {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  const add = (x: number, y: number) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  for (const p of map.points) add(p.x, p.y);
  if (query) {
    add(query.x, query.y);
    for (const h of query.hits) add(h.x, h.y);
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  return {
    sx: (x: number) => PAD + ((x - minX) / spanX) * (W - 2 * PAD),
    sy: (y: number) => H - PAD - ((y - minY) / spanY) * (H - 2 * PAD),
  };
}

const star = (cx: number, cy: number, r: number) =>
  Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? r : r * 0.45;
    return `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`;
  }).join(' ');

/** Beside the point, on the side with more room (left or right, above or below). */
function tooltipPlace({ x, y }: Hover): CSSProperties {
  const across = x > W / 2 ? { right: `${100 - (x / W) * 100}%` } : { left: `${(x / W) * 100}%` };
  return { ...across, top: `${(y / H) * 100}%`, transform: y < H / 3 ? 'translateY(12px)' : 'translateY(calc(-100% - 12px))' };
}

export function EmbeddingMapPlot({ map, query, colorOf, nameOf, label }: Props) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<Hover | null>(null);
  const { sx, sy } = scaler(map, query);
  const open = (chunk: Chunk) => showChunkInDocument(chunk.docId, chunk.id);
  const pointAt = (e: PointerEvent<SVGGElement> | MouseEvent<SVGGElement>) => {
    const i = Number((e.target as Element).getAttribute('data-i'));
    return Number.isInteger(i) ? map.points[i] : undefined;
  };
  const onKey = (chunk: Chunk) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(chunk);
    }
  };

  return (
    <div className="map-plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={label} className="map-svg">
        <rect x={0} y={0} width={W} height={H} className="map-background" />
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: not focusable (no tabIndex): pointer-only hover over the dots; keyboard and screen-reader users have the points table */}
        <g
          aria-hidden="true"
          onPointerOver={(e) => {
            const p = pointAt(e);
            if (p) setHover({ chunk: p.chunk, x: sx(p.x), y: sy(p.y) });
          }}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const p = pointAt(e);
            if (p) open(p.chunk);
          }}
        >
          {map.points.map((p, i) => (
            <circle
              key={p.chunk.id}
              data-i={i}
              data-doc={nameOf(p.chunk.docId)}
              className="map-point"
              cx={sx(p.x)}
              cy={sy(p.y)}
              r={3.5}
              fill={colorOf(p.chunk.docId)}
            />
          ))}
        </g>
        {query && (
          <g>
            {query.hits.map((h) => (
              // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG line is never focusable; the link is decoration
              <line key={`l-${h.chunk.id}`} x1={sx(query.x)} y1={sy(query.y)} x2={sx(h.x)} y2={sy(h.y)} className="map-link" aria-hidden="true" />
            ))}
            {query.hits.map((h) => (
              <g
                key={h.chunk.id}
                role="button"
                tabIndex={0}
                className="map-hit"
                aria-label={t('embeddingMap.hitLabel', { rank: h.rank, document: nameOf(h.chunk.docId), index: h.chunk.index + 1 })}
                onClick={() => open(h.chunk)}
                onKeyDown={onKey(h.chunk)}
                onFocus={() => setHover({ chunk: h.chunk, x: sx(h.x), y: sy(h.y) })}
                onBlur={() => setHover(null)}
                onPointerEnter={() => setHover({ chunk: h.chunk, x: sx(h.x), y: sy(h.y) })}
                onPointerLeave={() => setHover(null)}
              >
                <circle cx={sx(h.x)} cy={sy(h.y)} r={8} fill={colorOf(h.chunk.docId)} className="map-hit-ring" />
                {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the rank drawn in the ring; the button (the group) says it in its label */}
                <text x={sx(h.x)} y={sy(h.y)} className="map-hit-rank" aria-hidden="true">
                  {h.rank}
                </text>
              </g>
            ))}
            {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a polygon is not interactive; role img names the question's star */}
            <polygon
              points={star(sx(query.x), sy(query.y), 11)}
              className="map-query"
              data-testid="map-query"
              role="img"
              aria-label={t('embeddingMap.queryLabel', { question: query.run.question })}
            />
          </g>
        )}
      </svg>
      {hover && (
        <div className="map-tooltip" role="tooltip" style={tooltipPlace(hover)} data-testid="map-tooltip">
          <strong>{t('embeddingMap.tooltipTitle', { document: nameOf(hover.chunk.docId), index: hover.chunk.index + 1 })}</strong>
          <span>{hover.chunk.text.length > TIP_CHARS ? `${hover.chunk.text.slice(0, TIP_CHARS)}…` : hover.chunk.text}</span>
        </div>
      )}
    </div>
  );
}
