// The selected document's full text, with the focused chunk (chosen from the search results) marked
// in place and scrolled into view.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import { scrollBehavior } from '../../state/view/scrollBehavior';

export function DocumentTextView({ doc, focused }: { doc: SourceDocument; focused: Chunk | undefined }) {
  const { t } = useTranslation();
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
  }, [focused?.id]);

  return (
    <pre className="document-text" role="region" aria-label={t('chunks.textLabel', { name: doc.name })} tabIndex={0}>
      {focused ? (
        <>
          {doc.text.slice(0, focused.start)}
          <mark ref={mark} className="focused-chunk" title={t('chunks.focusedTitle', { index: focused.index + 1 })}>
            {doc.text.slice(focused.start, focused.end)}
          </mark>
          {doc.text.slice(focused.end)}
        </>
      ) : (
        doc.text
      )}
    </pre>
  );
}
