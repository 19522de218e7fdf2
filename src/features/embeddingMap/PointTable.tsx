// Every point of the map as a table, for keyboards and screen readers (and for exact numbers): document,
// chunk, x, y, and the rank when it is one of the question's hits. Rendered only while open.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawnMap, PlacedQuery } from '../../state/embeddingMap/embeddingMapStore';
import { formatNumber } from '@openbook/core/format';
import { showChunkInDocument } from '../../state/chunks/showChunk';

interface Props {
  map: DrawnMap;
  query: PlacedQuery | null;
  nameOf: (docId: string) => string;
}

export function PointTable({ map, query, nameOf }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const n = (x: number) => formatNumber(x, i18n.language, 2);
  const rankOf = new Map(query?.hits.map((h) => [h.chunk.id, h.rank]) ?? []);
  const rows = [...map.points, ...(query?.hits.filter((h) => !map.points.some((p) => p.chunk.id === h.chunk.id)) ?? [])];

  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('embeddingMap.table.summary', { count: rows.length })}</summary>
      {open && (
        <div className="table-wrap map-table" tabIndex={0}>
          <table>
            <caption className="visually-hidden">{t('embeddingMap.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('embeddingMap.table.document')}</th>
                <th scope="col">{t('embeddingMap.table.chunk')}</th>
                <th scope="col">x</th>
                <th scope="col">y</th>
                <th scope="col">{t('embeddingMap.table.rank')}</th>
              </tr>
            </thead>
            <tbody>
              {query && (
                <tr>
                  <td colSpan={2}>{t('embeddingMap.table.question', { question: query.run.question })}</td>
                  <td>{n(query.x)}</td>
                  <td>{n(query.y)}</td>
                  <td />
                </tr>
              )}
              {rows.map((p) => (
                <tr key={p.chunk.id}>
                  <td>{nameOf(p.chunk.docId)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => showChunkInDocument(p.chunk.docId, p.chunk.id)}>
                      {t('embeddingMap.table.open', { index: p.chunk.index + 1 })}
                    </button>
                  </td>
                  <td>{n(p.x)}</td>
                  <td>{n(p.y)}</td>
                  <td>{rankOf.get(p.chunk.id) ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
