// Where a chunk comes from in its document: the heading path of the section most of it lies in (or of both,
// "Step 2 → Step 3") and the pages it spans.
import { useTranslation } from 'react-i18next';
import type { ChunkMeta } from '@openbook/core/types';
import { sectionLabel } from '@openbook/core/chunkMeta';

/** The section (heading path) and pages a chunk comes from, where its document has them. */
export function ChunkWhere({ meta }: { meta: ChunkMeta | undefined }) {
  const { t } = useTranslation();
  if (!meta) return null;
  const parts: string[] = [];
  const section = sectionLabel(meta);
  if (section) parts.push(t('chunkers.headingPath', { path: section }));
  if (meta.pageStart !== undefined) {
    const to = meta.pageEnd ?? meta.pageStart;
    parts.push(to > meta.pageStart ? t('chunkers.pagesRange', { from: meta.pageStart, to }) : t('chunkers.pages', { from: meta.pageStart }));
  }
  return parts.length > 0 ? <div className="chunk-meta chunk-where muted">{parts.join(' · ')}</div> : null;
}
