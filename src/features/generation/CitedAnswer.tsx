// An answer's text with its citations ([1], [1][2], [1, 2]) of the prompt's chunks as buttons that show the
// chunk in the results and in its document. Plain text throughout: React text nodes, never HTML.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { splitCitations } from '../../core/citations';
import type { ScoredChunk } from '../../core/types';
import { showChunkInDocument } from '../retrieval/showChunk';

export function CitedAnswer({ text, sources }: { text: string; sources: readonly ScoredChunk[] }) {
  const { t } = useTranslation();
  const parts = useMemo(() => splitCitations(text, sources.length), [text, sources.length]);
  return (
    <>
      {parts.map((part, i) => {
        const source = part.kind === 'citation' ? sources[part.chunkNumber - 1] : undefined;
        if (part.kind === 'text' || !source) return part.text;
        return (
          <button
            key={i}
            type="button"
            className="link-button citation"
            title={t('generation.citation', { n: part.chunkNumber })}
            onClick={() => showChunkInDocument(source.chunk.docId, source.chunk.id)}
          >
            {part.text}
          </button>
        );
      })}
    </>
  );
}
