// A chunk's text with the question's terms marked (<mark>), as the keyword search's tokeniser reads them.
import { useMemo } from 'react';
import { highlightSpans, splitBySpans } from '@openbook/core/retrieval/highlight';

export function HighlightedText({ text, question }: { text: string; question: string }) {
  const pieces = useMemo(() => splitBySpans(text, highlightSpans(text, question)), [text, question]);
  return <>{pieces.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}
