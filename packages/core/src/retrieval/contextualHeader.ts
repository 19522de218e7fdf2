// Contextual chunk headers: each chunk's document title and heading path, prepended to the text that is
// embedded and keyword-indexed (never to the text shown, cited or put into the prompt: that stays
// chunk.text). A chunk that says "It is computed per question" then also carries "Evaluating retrieval ›
// Hit rate and MRR", so a search for MRR finds it. Deterministic: no model. Pure.
import type { Chunk } from '../types';

/** The header line of a chunk of the document titled `title`: "title › heading › subheading". */
export function contextualHeader(title: string, headingPath: readonly string[] | undefined): string {
  const parts = [title, ...(headingPath ?? [])].map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
  // The document's own top heading often repeats its title: said once.
  const unique = parts.filter((p, i) => i === 0 || p.toLowerCase() !== parts[i - 1]!.toLowerCase());
  return unique.join(' › ');
}

/**
 * The text to embed and index for a chunk: its header, a blank line, then its text (or the text alone when
 * off). `context`: a sentence written by the chat model that situates the chunk (core/retrieval/chunkContext.ts),
 * put after the header, before the text.
 */
export function indexedText(chunk: Pick<Chunk, 'text' | 'meta'>, title: string, headers: boolean, context?: string): string {
  const text = context ? `${context}\n\n${chunk.text}` : chunk.text;
  if (!headers) return text;
  const header = contextualHeader(title, chunk.meta?.headingPath);
  return header === '' ? text : `${header}\n\n${text}`;
}
