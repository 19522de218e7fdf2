// The semantic chunker: cuts where the meaning changes. The text's sentences (Intl.Segmenter, so 。！？ end
// Chinese and Japanese sentences too: sentences.ts) are embedded as windows (each sentence with `buffer`
// neighbours on each side), the cosine distance between each window and the next is measured, and a chunk
// ends after sentence i where that distance is above the threshold: the `amount`-th percentile of all the
// distances, or their mean plus `amount` standard deviations. A chunk longer than `maxSize` characters is cut
// further between sentences (a sentence longer than that alone, every maxSize characters); a "sentence" of
// fewer than 8 characters (a list number) joins the next. Pure: the
// embedding function is given (the chunker worker fits the built-in LSA embedder to the windows).
import type { Chunk } from '../types';
import { sentenceSpans, type Span } from './sentences';

export type SemanticThreshold = 'percentile' | 'stddev';

export interface SemanticChunkerSettings {
  kind: 'semantic';
  threshold: SemanticThreshold;
  /** Percentile: 1–99. Standard deviations: 0–5 (in tenths allowed). */
  amount: number;
  /** Neighbouring sentences on each side of a sentence in its window: 0–5. */
  buffer: number;
  /** The size cap, in characters. */
  maxSize: number;
}

export const DEFAULT_SEMANTIC_SETTINGS: SemanticChunkerSettings = { kind: 'semantic', threshold: 'percentile', amount: 80, buffer: 1, maxSize: 1000 };

/** What the semantic chunker saw: the sentences, the distances between neighbouring windows, where it cut. */
export interface SemanticAnalysis {
  sentences: Span[];
  /** distances[i]: cosine distance between the windows of sentences i and i + 1 (0 = same meaning, up to 2). */
  distances: number[];
  /** The threshold the distances were compared with (null with fewer than two sentences). */
  cut: number | null;
  /** Sentence indexes after which a chunk ends for meaning (distances[i] > cut), ascending. */
  breakpoints: number[];
}

/** Embeds texts; vectors need not be normalised. */
export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]> | Float32Array[];

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return 1;
  return 1 - dot / Math.sqrt(na * nb);
}

/** The threshold of these distances: a percentile (linear interpolation), or mean + amount × std. */
export function semanticCut(distances: readonly number[], threshold: SemanticThreshold, amount: number): number | null {
  if (distances.length === 0) return null;
  if (threshold === 'percentile') {
    const sorted = [...distances].sort((x, y) => x - y);
    const at = (Math.min(99, Math.max(1, amount)) / 100) * (sorted.length - 1);
    const lo = Math.floor(at);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
  }
  const mean = distances.reduce((s, d) => s + d, 0) / distances.length;
  const variance = distances.reduce((s, d) => s + (d - mean) ** 2, 0) / distances.length;
  return mean + amount * Math.sqrt(variance);
}

/** The windows' texts: each sentence with `buffer` neighbours on each side. */
export function sentenceWindows(text: string, sentences: readonly Span[], buffer: number): string[] {
  return sentences.map((_, i) => {
    const from = sentences[Math.max(0, i - buffer)]!;
    const to = sentences[Math.min(sentences.length - 1, i + buffer)]!;
    return text.slice(from.start, to.end);
  });
}

/** Sentences shorter than this (in code points) join the next one: a list's "1." is no sentence of its own. */
export const MIN_SENTENCE = 8;

/** The text's sentences, each too-short one joined to the next (the last to the one before). */
export function semanticSentences(text: string): Span[] {
  const out: Span[] = [];
  let pending: Span | null = null;
  for (const s of sentenceSpans(text)) {
    const span: Span = pending ? { start: pending.start, end: s.end } : s;
    pending = [...text.slice(span.start, span.end)].length < MIN_SENTENCE ? span : null;
    if (!pending) out.push(span);
  }
  if (pending) {
    if (out.length > 0) out[out.length - 1] = { start: out[out.length - 1]!.start, end: pending.end };
    else out.push(pending);
  }
  return out;
}

/** The sentences, distances and breakpoints of a text under these settings. */
export async function analyzeSemantic(text: string, settings: SemanticChunkerSettings, embed: EmbedTexts): Promise<SemanticAnalysis> {
  const sentences = semanticSentences(text);
  if (sentences.length < 2) return { sentences, distances: [], cut: null, breakpoints: [] };
  const vectors = await embed(sentenceWindows(text, sentences, settings.buffer));
  const distances: number[] = [];
  for (let i = 0; i + 1 < vectors.length; i++) distances.push(cosineDistance(vectors[i]!, vectors[i + 1]!));
  const cut = semanticCut(distances, settings.threshold, settings.amount);
  const breakpoints: number[] = [];
  distances.forEach((d, i) => {
    if (cut !== null && d > cut) breakpoints.push(i);
  });
  return { sentences, distances, cut, breakpoints };
}

/** The chunks of a text from its semantic analysis: groups between breakpoints, cut to the size cap. */
export function chunkSemantic(docId: string, text: string, settings: SemanticChunkerSettings, analysis: SemanticAnalysis): Chunk[] {
  const spans: Span[] = [];
  const { sentences } = analysis;
  const breaks = new Set(analysis.breakpoints);
  let group: Span | null = null;
  const push = (span: Span) => {
    // A single sentence longer than the cap: every maxSize characters (code points kept whole).
    let start = span.start;
    while ([...text.slice(start, span.end)].length > settings.maxSize) {
      let end = start;
      for (let n = 0; n < settings.maxSize; n++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
      spans.push({ start, end });
      start = end;
    }
    if (start < span.end) spans.push({ start, end: span.end });
  };
  sentences.forEach((s, i) => {
    if (group && [...text.slice(group.start, s.end)].length > settings.maxSize) {
      push(group);
      group = null;
    }
    group = group ? { start: group.start, end: s.end } : { ...s };
    if (breaks.has(i)) {
      push(group);
      group = null;
    }
  });
  if (group) push(group);
  return spans.map((s, index) => ({ id: `${docId}#${index}`, docId, index, start: s.start, end: s.end, text: text.slice(s.start, s.end) }));
}
