// Step 2: splitting documents into chunks. The chunker and its settings, the statistics of the selected
// document's chunks, and the document shown as its chunks coloured over the text, as its list of chunks,
// or as its full text with the chunk chosen from the search results marked in place; or two chunkings of
// it side by side.
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StepCard } from '../../ui/StepCard';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useChunkingStore } from '../../state/chunks/chunkingStore';
import { useChunkCompareStore } from '../../state/chunks/chunkCompareStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { ChunkSettings } from './ChunkSettings';
import { ChunkList } from './ChunkList';
import { ChunkColours } from './ChunkColours';
import { ChunkCompare } from './ChunkCompare';
import { ChunkStatsPanel } from './ChunkStatsPanel';
import { DocumentTextView } from './DocumentTextView';
import { SemanticBreakpoints } from './SemanticBreakpoints';
import type { Chunk } from '@openbook/core/types';

const NO_CHUNKS: Chunk[] = [];

export function ChunksStep() {
  const { t } = useTranslation();
  const view = useRetrievalStore((s) => s.documentView);
  const setView = useRetrievalStore((s) => s.setDocumentView);
  const selected = useDocumentsStore((s) => s.documents.find((d) => d.id === s.selectedDocId));
  const focusedChunkId = useRetrievalStore((s) => s.focusedChunkId);
  const current = useChunkingStore((s) => (selected ? s.chunksByDoc.get(selected.id) : undefined)) ?? NO_CHUNKS;
  const currentWith = useChunkingStore((s) => (selected ? s.chunkedWith.get(selected.id) : undefined));
  // The document and its chunks (their statistics, the text coloured) are drawn in a render of their own,
  // which React pauses for the page's other work, not in the task that stored them: a 5 MB document's 15k
  // chunks took ~30 ms of that task. The three go together, so that they always belong to each other.
  const shown = useDeferredValue(useMemo(() => ({ doc: selected, chunks: current, madeWith: currentWith }), [selected, current, currentWith]));
  const { doc, chunks, madeWith } = shown;
  const options = useChunkingStore((s) => s.options);
  const focused = chunks.find((c) => c.id === focusedChunkId);
  const comparing = useChunkCompareStore((s) => s.open);
  const setComparing = useChunkCompareStore((s) => s.setOpen);
  const keyA = doc && madeWith ? `${doc.id}|${madeWith}` : null;
  const showCompare = !!doc && comparing && view === 'colours';

  const views = [
    ['colours', t('chunkers.viewColours')],
    ['chunks', t('chunks.viewChunks')],
    ['text', t('chunks.viewText')],
  ] as const;

  return (
    <StepCard step={2} id="chunks" title={t('chunks.title')} subtitle={t('chunks.subtitle')}>
      {!showCompare && <ChunkSettings />}
      {doc && keyA && !showCompare && <ChunkStatsPanel view="a" text={doc.text} chunks={chunks} chunksKey={keyA} />}
      {doc && !showCompare && options.kind === 'semantic' && <SemanticBreakpoints name={doc.name} text={doc.text} settings={options} />}
      {doc && (
        <div className="row">
          <div className="view-switch" role="group" aria-label={t('chunks.viewLabel')}>
            {views.map(([value, label]) => (
              <button key={value} type="button" className={view === value ? '' : 'secondary'} aria-pressed={view === value} onClick={() => setView(value)}>
                {label}
              </button>
            ))}
          </div>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={comparing}
              onChange={(e) => {
                setComparing(e.target.checked);
                if (e.target.checked) setView('colours');
              }}
            />
            {t('chunkers.compare')}
          </label>
        </div>
      )}
      {showCompare && keyA ? (
        <ChunkCompare doc={doc} chunksA={chunks} keyA={keyA} />
      ) : doc && view === 'text' ? (
        <DocumentTextView doc={doc} focused={focused} />
      ) : doc && view === 'colours' ? (
        <ChunkColours doc={doc} chunks={chunks} label={t('chunkers.coloursLabel', { name: doc.name })} />
      ) : doc ? (
        <ChunkList />
      ) : (
        <p className="muted">{t('chunks.noDocument')}</p>
      )}
    </StepCard>
  );
}
