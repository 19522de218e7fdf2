// Parent-child ("small-to-big") retrieval: small chunks are searched, and each hit's parent, a larger span
// of its document around it, is what goes into the prompt. The parent is the section the chunk starts in
// (its heading's span) or a window of ±n neighbouring chunks; hits whose parents overlap or touch in the
// same document (share some of its text) get one merged parent, placed where the best of them ranked. Pure.
import type { Chunk, SectionSpan } from '../types';

export type ParentMode = 'section' | 'window';

export interface ParentSettings {
  mode: ParentMode;
  /** Window mode (and section mode for a chunk in no section): neighbouring chunks on each side, 0–10. */
  window: number;
}

export const DEFAULT_PARENT_SETTINGS: ParentSettings = { mode: 'window', window: 1 };
export const MAX_PARENT_WINDOW = 10;

/** One parent as sent to the prompt: a span of a document, and the hits (children) it holds. */
export interface ParentGroup {
  docId: string;
  start: number;
  end: number;
  /** The document's text from start to end. */
  text: string;
  /** The children's chunk ids and 1-based ranks among the results, best first. */
  childIds: string[];
  childRanks: number[];
}

/** What a parent needs to know of a document: its text, its chunks in order, its sections. */
export interface ParentSource {
  text: string;
  /** The document's chunks, by index (as chunked; the hit is one of them). */
  chunks: readonly Chunk[];
  sections?: readonly SectionSpan[];
}

/** The innermost section the offset lies in, or null. */
function sectionAt(sections: readonly SectionSpan[] | undefined, at: number): SectionSpan | null {
  let best: SectionSpan | null = null;
  for (const s of sections ?? []) {
    if (s.start <= at && at < s.end && (best === null || s.level >= best.level)) best = s;
  }
  return best;
}

/** The span of a chunk's parent in its document. */
export function parentSpan(chunk: Chunk, doc: ParentSource, settings: ParentSettings): { start: number; end: number } {
  if (settings.mode === 'section') {
    const section = sectionAt(doc.sections, chunk.start);
    // The section, widened to hold the whole chunk (a chunk may run on past its section's end).
    if (section) return { start: Math.min(section.start, chunk.start), end: Math.max(section.end, chunk.end) };
  }
  const n = Math.max(0, Math.min(MAX_PARENT_WINDOW, Math.floor(settings.window)));
  const i = doc.chunks.findIndex((c) => c.id === chunk.id);
  if (i < 0) return { start: chunk.start, end: chunk.end };
  const first = doc.chunks[Math.max(0, i - n)]!;
  const last = doc.chunks[Math.min(doc.chunks.length - 1, i + n)]!;
  return { start: Math.min(first.start, chunk.start), end: Math.max(last.end, chunk.end) };
}

/**
 * The parents of ranked hits (best first), merged where they overlap in one document, in the order
 * of their best child. A hit whose document is unknown is its own parent.
 */
export function parentGroups(hits: readonly Chunk[], docOf: (docId: string) => ParentSource | undefined, settings: ParentSettings): ParentGroup[] {
  const groups: ParentGroup[] = [];
  hits.forEach((chunk, i) => {
    const doc = docOf(chunk.docId);
    const span = doc ? parentSpan(chunk, doc, settings) : { start: chunk.start, end: chunk.end };
    groups.push({ docId: chunk.docId, start: span.start, end: span.end, text: '', childIds: [chunk.id], childRanks: [i + 1] });
  });
  // Merge until nothing overlaps: a merged span may reach a group it did not before.
  let merged = true;
  while (merged) {
    merged = false;
    for (let a = 0; a < groups.length && !merged; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const x = groups[a]!;
        const y = groups[b]!;
        if (x.docId !== y.docId || y.start >= x.end || x.start >= y.end) continue; // no text in common
        x.start = Math.min(x.start, y.start);
        x.end = Math.max(x.end, y.end);
        x.childIds.push(...y.childIds);
        x.childRanks.push(...y.childRanks);
        groups.splice(b, 1);
        merged = true;
        break;
      }
    }
  }
  for (const g of groups) {
    const order = g.childRanks.map((rank, k) => ({ rank, id: g.childIds[k]! })).sort((p, q) => p.rank - q.rank);
    g.childRanks = order.map((o) => o.rank);
    g.childIds = order.map((o) => o.id);
    const doc = docOf(g.docId);
    g.text = doc ? doc.text.slice(g.start, g.end) : (hits[g.childRanks[0]! - 1]?.text ?? '');
  }
  return groups;
}

/** Settings from storage (anything at all) made valid. */
export function sanitizeParentSettings(raw: unknown): ParentSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ParentSettings, unknown>>;
  const window = typeof r.window === 'number' && Number.isFinite(r.window) ? Math.round(r.window) : DEFAULT_PARENT_SETTINGS.window;
  return {
    mode: r.mode === 'section' || r.mode === 'window' ? r.mode : DEFAULT_PARENT_SETTINGS.mode,
    window: Math.max(0, Math.min(MAX_PARENT_WINDOW, window)),
  };
}
