// The chunks of the selected document, in order, with their character offsets. A chunk chosen from the
// search results is highlighted and scrolled into view.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chunk } from '@openbook/core/types';
import { useChunkingStore } from '../../state/chunks/chunkingStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { formatNumber } from '@openbook/core/format';
import { useTokensOver } from './ChunkStatsPanel';
import { ChunkWhere } from './ChunkWhere';
import { scrollBehavior } from '../../state/view/scrollBehavior';

const PAGE = 100;
const NO_CHUNKS: Chunk[] = [];

export function ChunkList() {
  const { t, i18n } = useTranslation();
  const docId = useDocumentsStore((s) => s.selectedDocId);
  const doc = useDocumentsStore((s) => s.documents.find((d) => d.id === s.selectedDocId));
  const chunks = useChunkingStore((s) => (docId ? s.chunksByDoc.get(docId) : undefined)) ?? NO_CHUNKS;
  const madeWith = useChunkingStore((s) => (docId ? s.chunkedWith.get(docId) : undefined));
  const over = useTokensOver('a', `${docId}|${madeWith}`, chunks.length);
  const focusedChunkId = useRetrievalStore((s) => s.focusedChunkId);
  const [shown, setShown] = useState(PAGE);
  const focused = useRef<HTMLLIElement>(null);

  const focusedIndex = chunks.findIndex((c) => c.id === focusedChunkId);
  useEffect(() => {
    if (focusedIndex >= shown) setShown(focusedIndex + 1);
  }, [focusedIndex, shown]);
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() });
  }, [focusedChunkId, docId]);

  if (!doc) return <p className="muted">{t('chunks.noDocument')}</p>;
  const n = (x: number) => formatNumber(x, i18n.language);

  return (
    <div>
      <h3 className="chunk-list-title">{t('chunks.listTitle', { name: doc.name, count: chunks.length })}</h3>
      <ol className="chunk-list" aria-label={t('chunks.listLabel', { name: doc.name })} tabIndex={0}>
        {chunks.slice(0, shown).map((c) => {
          const isFocused = c.id === focusedChunkId;
          return (
            <li key={c.id} ref={isFocused ? focused : undefined} className={isFocused ? 'chunk focused' : 'chunk'} aria-current={isFocused || undefined}>
              <div className="chunk-meta muted">
                {t('chunks.meta', { index: n(c.index + 1), start: n(c.start), end: n(c.end), length: n([...c.text].length) })}
              </div>
              <ChunkWhere meta={c.meta} />
              {over && over[c.index]! > 0 && <div className="chunk-meta warning-text">{t('chunkers.truncatedBadge', { over: n(over[c.index]!) })}</div>}
              <div className="chunk-text">{c.text}</div>
            </li>
          );
        })}
      </ol>
      {shown < chunks.length && (
        <button type="button" className="secondary" onClick={() => setShown(shown + PAGE)}>
          {t('chunks.showMore', { count: Math.min(PAGE, chunks.length - shown) })}
        </button>
      )}
    </div>
  );
}
