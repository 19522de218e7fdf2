// An answer rendered as Markdown (core/markdown.ts: an allow-list of elements, raw HTML kept as text), with
// its citations ([1], [1][2], [1, 2]) of the prompt's chunks as buttons that show the chunk in the results
// and in its document. No HTML string is ever put into the page: nothing in an answer can run script.
import { Suspense, lazy, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { splitCitations } from '@openbook/core/citations';
import type { ScoredChunk } from '@openbook/core/types';
import { showChunkInDocument } from '../../state/chunks/showChunk';
import { ErrorBoundary } from '../../ui/ErrorBoundary';

// The Markdown renderer (and its Markdown library) loads with the first answer, not with the first screen;
// until it has, the answer shows as plain text with its citations.
const MarkdownText = lazy(() => import('./MarkdownText').then((m) => ({ default: m.MarkdownText })));

export function CitedAnswer({ text, sources }: { text: string; sources: readonly ScoredChunk[] }) {
  const { t } = useTranslation();
  const renderText = useCallback(
    (part: string) =>
      splitCitations(part, sources.length).map((piece, i) => {
        const source = piece.kind === 'citation' ? sources[piece.chunkNumber - 1] : undefined;
        if (piece.kind === 'text' || !source) return piece.text;
        return (
          <button
            key={i}
            type="button"
            className="link-button citation"
            title={t('generation.citation', { n: piece.chunkNumber })}
            onClick={() => showChunkInDocument(source.chunk.docId, source.chunk.id)}
          >
            {piece.text}
          </button>
        );
      }),
    [sources, t],
  );
  // In a boundary of its own: whatever in an answer slipped past the Markdown limits stops the answer
  // alone, never the page (the rest of the step, Stop included, keeps working).
  return (
    <ErrorBoundary scope="step" name="answer">
      <Suspense fallback={<p>{renderText(text)}</p>}>
        <MarkdownText text={text} renderText={renderText} />
      </Suspense>
    </ErrorBoundary>
  );
}
