// Token windows: at most `tokens` tokens of the embedding model's own tokenizer per chunk, the next chunk
// starting so that it repeats at most `overlapTokens` tokens. The tokenizer is given as a counting
// function (the worker passes the model's tokenizer; tests pass any), so this stays pure.
//
// Offsets are exact because the text is cut only between "atoms" that this file finds itself: a word
// (letters, marks and digits), one CJK character, or one other non-space character, each whole grapheme
// clusters. Tokenizers split at least there (BERT's pre-tokenizer does exactly this), so a chunk's token
// count is about the sum of its atoms' counts; each chunk is then counted whole with the real tokenizer and
// shortened, atom by atom, until it fits. An atom longer than the limit is cut into grapheme-safe pieces.
import { advanceCodePoints, graphemeBoundaries } from '../unicodeText';
import type { Chunk } from '../types';
import type { TokenChunkerSettings } from './settings';
import type { Span } from './sentences';

/** How many tokens the tokenizer makes of a text, without special tokens. */
export type TokenCounter = (text: string) => number;

const ATOM = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]\p{M}*|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{M}\p{N}])+|[^\s]\p{M}*/gu;

export function chunkTokens(docId: string, text: string, settings: TokenChunkerSettings, count: TokenCounter): Chunk[] {
  const limit = settings.tokens;
  const cache = new Map<string, number>();
  const countAtom = (s: string) => {
    let c = cache.get(s);
    if (c === undefined) {
      c = count(s);
      if (cache.size < 200_000) cache.set(s, c);
    }
    return c;
  };
  const atoms: Span[] = [];
  const costs: number[] = [];
  for (const a of tokenAtoms(text)) {
    const s = text.slice(a.start, a.end);
    const c = countAtom(s);
    if (c <= limit) {
      atoms.push(a);
      costs.push(c);
      continue;
    }
    for (const p of splitAtom(text, a, limit)) {
      atoms.push(p);
      costs.push(Math.min(limit, countAtom(text.slice(p.start, p.end))));
    }
  }

  const chunks: Chunk[] = [];
  let i = 0;
  while (i < atoms.length) {
    let j = i;
    let sum = 0;
    while (j < atoms.length && sum + costs[j]! <= limit) sum += costs[j++]!;
    if (j === i) j = i + 1;
    // The real count of the whole chunk decides: shorten it until it fits (by about half the excess at a time).
    for (;;) {
      const real = j > i + 1 ? count(text.slice(atoms[i]!.start, atoms[j - 1]!.end)) : 0;
      if (real <= limit) break;
      j = Math.max(i + 1, j - Math.max(1, Math.floor((real - limit) / 2)));
    }
    const start = atoms[i]!.start;
    const end = atoms[j - 1]!.end;
    const index = chunks.length;
    chunks.push({ id: `${docId}#${index}`, docId, index, start, end, text: text.slice(start, end) });
    if (j >= atoms.length) break;
    // Start the next chunk as far back as the overlap allows, but after this one's start.
    let k = j;
    let back = 0;
    while (k - 1 > i && back + costs[k - 1]! <= settings.overlapTokens) back += costs[--k]!;
    // The next chunk must reach past this one: leave room for the first new atom.
    while (k < j && back + costs[j]! > limit) back -= costs[k++]!;
    i = k;
  }
  return chunks;
}

/** Words, CJK characters and other non-space characters, each ending on a grapheme cluster boundary. */
export function tokenAtoms(text: string): Span[] {
  const b = graphemeBoundaries(text);
  const atoms: Span[] = [];
  for (const m of text.matchAll(ATOM)) {
    let start = m.index;
    let end = start + m[0].length;
    const last = atoms[atoms.length - 1];
    if (last && last.end > start) {
      // Already swallowed by the previous atom's grapheme cluster.
      if (end > last.end) last.end = extend(b, end);
      continue;
    }
    end = extend(b, end);
    if (last && !b[start]) last.end = end;
    else {
      while (!b[start]) start--;
      atoms.push({ start, end });
    }
  }
  return atoms;
}

const extend = (b: Uint8Array, p: number) => {
  while (!b[p]) p++;
  return p;
};

/** An atom that alone exceeds the limit, in pieces of a few code points (whole grapheme clusters). */
function splitAtom(text: string, atom: Span, limit: number): Span[] {
  // A code point is at most 4 tokens (byte-level BPE), so pieces of limit/4 code points fit.
  const step = Math.max(1, Math.floor(limit / 4));
  const b = graphemeBoundaries(text.slice(atom.start, atom.end));
  const pieces: Span[] = [];
  let p = atom.start;
  while (p < atom.end) {
    let q = Math.min(atom.end, advanceCodePoints(text, p, step));
    while (q > p && !b[q - atom.start]) q--;
    if (q === p) {
      q = p + 1;
      while (q < atom.end && !b[q - atom.start]) q++;
    }
    pieces.push({ start: p, end: q });
    p = q;
  }
  return pieces;
}
