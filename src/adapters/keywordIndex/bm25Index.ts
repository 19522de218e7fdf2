// The app's KeywordIndex: BM25+ on typed arrays, scoring exactly as MiniSearch does (core/retrieval/bm25.ts;
// miniSearchIndex.ts is the reference, and bm25Index.test.ts checks that both agree). MiniSearch scores every
// posting of every query term through Maps and builds a result object per matching chunk; with common
// words nearly every chunk matches, which takes ~0.3 s a query at 100k chunks. Here:
// - a term dictionary (Map term → term id) and, per chunk slot, its length (distinct tokens) and whether it
//   is live;
// - an inverted index (CSR: per term, a range of chunk slots and counts) of the slots up to csrSlots, and
//   forward lists (each slot's distinct terms and counts, in growable arrays) of the slots added since, which
//   are scored from them; both are merged into a new inverted index lazily, once the added chunks are many.
//   A chunk's postings are thus held once (not in a forward index AND the inverted one): at 100k chunks of
//   ~25 distinct terms, 2.5M postings. Counts are kept in the narrowest typed array that holds the largest
//   (Uint8Array, else Uint16Array, else Int32Array), and each term's slots (ascending) as the gaps between
//   them in LEB128 varints (a byte for a gap below 128: most gaps of common terms): a posting costs about 2
//   or 3 bytes, not 5 (an Int32 slot and a count). A query decodes each of its terms' slots into a scratch
//   array before scoring them; a build, a removal or a save decodes them all into one Int32Array for a while;
// - a query adds each term's scores into a Float64Array accumulator over slots (in query order, as
//   MiniSearch adds them), counts the terms matched, then keeps the k best in a bounded heap; the filter
//   (allowedIds) is applied there, so k hits that pass it come back;
// - removal marks a slot dead (its df and the length total are updated at once: for an indexed slot, in one
//   pass over the postings); when a quarter of the slots are dead, slots are compacted.
// df and N count live chunks only, and avgdl is the exact mean of live chunks' lengths.
// Chunks and questions are tokenised under one KeywordAnalysis (stop words, stemming:
// core/retrieval/keywordAnalysis.ts); a new one empties the index, which its owner then rebuilds. By
// default none (the tokens as MiniSearch's reference sees them); the app sets its own.
import { bm25Idf, bm25LengthNorm, bm25TermScore, TopK } from '@openbook/core/retrieval/bm25';
import { countTerms, termCountsProblem, type TermCounts } from '@openbook/core/retrieval/termCounts';
import { SAVED_KEYWORD_INDEX_VERSION, savedKeywordIndexProblem, type SavedKeywordIndex } from '@openbook/core/retrieval/savedKeywordIndex';
import { analyzedQueryTokens, RAW_KEYWORD_ANALYSIS, sameKeywordAnalysis, type KeywordAnalysis } from '@openbook/core/retrieval/keywordAnalysis';
import type { KeywordDoc, KeywordHit, KeywordIndex, KeywordIndexStatus, KeywordSearchOptions, KeywordSearchResult } from './keywordIndex';

function grownInt32(arr: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (arr.length >= min) return arr;
  const next = new Int32Array(Math.max(min, arr.length * 2, 16));
  next.set(arr);
  return next;
}

function grownUint8(arr: Uint8Array<ArrayBuffer>, min: number): Uint8Array<ArrayBuffer> {
  if (arr.length >= min) return arr;
  const next = new Uint8Array(Math.max(min, arr.length * 2, 16));
  next.set(arr);
  return next;
}

/** Term counts, in the narrowest array that holds the largest (see tfArray). */
type TfArray = Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>;

/** An array for term counts up to `max`, of this length. */
function tfArray(max: number, length: number): TfArray {
  return max <= 0xff ? new Uint8Array(length) : max <= 0xffff ? new Uint16Array(length) : new Int32Array(length);
}

/** arr, or a copy wide enough for counts up to `max` and long enough for `min` (grown by doubling). */
function grownTf(arr: TfArray, min: number, max: number): TfArray {
  const wider = arr.BYTES_PER_ELEMENT < tfArray(max, 0).BYTES_PER_ELEMENT;
  if (arr.length >= min && !wider) return arr;
  const next = tfArray(max, arr.length >= min ? arr.length : Math.max(min, arr.length * 2, 16));
  next.set(arr);
  return next;
}

/**
 * Each term's posting slots (postSlot[postStart[t] .. postStart[t + 1]], ascending) as the gaps between
 * them (the first from 0), each in LEB128 (7 bits a byte, low first, the high bit set on all but the last):
 * returns where each term's bytes start (terms + 1 entries) and the bytes.
 */
export function encodeSlotGaps(postStart: Int32Array, postSlot: Int32Array, terms: number): [Int32Array<ArrayBuffer>, Uint8Array<ArrayBuffer>] {
  const byteStart = new Int32Array(terms + 1);
  let bytes = 0;
  for (let t = 0; t < terms; t++) {
    let prev = 0;
    for (let p = postStart[t]!, end = postStart[t + 1]!; p < end; p++) {
      const gap = postSlot[p]! - prev;
      prev = postSlot[p]!;
      bytes += gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5;
    }
    byteStart[t + 1] = bytes;
  }
  const out = new Uint8Array(bytes);
  let at = 0;
  for (let t = 0; t < terms; t++) {
    let prev = 0;
    for (let p = postStart[t]!, end = postStart[t + 1]!; p < end; p++) {
      let gap = postSlot[p]! - prev;
      if (gap < 0) throw new Error('keyword postings: slots out of order');
      prev = postSlot[p]!;
      while (gap >= 0x80) {
        out[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      out[at++] = gap;
    }
  }
  return [byteStart, out];
}

/** The slots encodeSlotGaps encoded, as one array in posting order. */
export function decodeSlotGaps(postStart: Int32Array, byteStart: Int32Array, bytes: Uint8Array, terms: number): Int32Array {
  const slots = new Int32Array(postStart[terms]!);
  for (let t = 0; t < terms; t++) {
    let at = byteStart[t]!;
    let slot = 0;
    for (let p = postStart[t]!, end = postStart[t + 1]!; p < end; p++) {
      let gap = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[at++]!;
        gap |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      slot += gap;
      slots[p] = slot;
    }
  }
  return slots;
}

export class Bm25Index implements KeywordIndex {
  // Terms.
  private termIds = new Map<string, number>();
  private termCount = 0;
  /** Live chunks containing each term. */
  private df = new Int32Array(0);
  /** The largest term count so far (what the count arrays must hold). */
  private maxTf = 0;

  // Chunk slots.
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  private live = new Uint8Array(0);
  private dl = new Int32Array(0);
  private slots = 0;
  private liveCount = 0;
  private totalDl = 0;

  // Inverted index over slots < csrSlots (dead slots among them keep their postings until the next merge).
  private csrSlots = 0;
  private csrTerms = 0;
  /** Term t's postings: counts at postStart[t] .. postStart[t + 1], slots as varint gaps from byte postByte[t] (see slotGaps). */
  private postStart = new Int32Array(1);
  private postByte = new Int32Array(1);
  private postGaps = new Uint8Array(0);
  private postTf: TfArray = new Uint8Array(0);

  /** Forward lists of the slots added since (csrSlots ..): slot s's terms and counts at fwdStart[s - csrSlots] .. fwdStart[s - csrSlots + 1]. */
  private fwdStart = new Int32Array(1);
  private fwdTerm = new Int32Array(0);
  private fwdTf: TfArray = new Uint8Array(0);

  // Query scratch, per slot.
  private acc = new Float64Array(0);
  private matched = new Int32Array(0);
  private allowed = new Uint8Array(0);
  private norm = new Float64Array(0);
  /** A query term's posting slots, decoded (4 bytes times the most postings of a term queried so far). */
  private termSlots = new Int32Array(0);
  /** The avgdl and version the length norms were computed for. */
  private normFor = { avgdl: NaN, version: -1 };
  /** Bumped by every change to the chunks. */
  private version = 0;

  constructor(private analysis: KeywordAnalysis = RAW_KEYWORD_ANALYSIS) {}

  /** The analysis chunks and questions are tokenised with. */
  keywordAnalysis(): KeywordAnalysis {
    return this.analysis;
  }

  /** Tokenise with this analysis from now on: a different one empties the index (its owner rebuilds it). */
  setAnalysis(analysis: KeywordAnalysis): KeywordIndexStatus {
    if (sameKeywordAnalysis(analysis, this.analysis)) return this.status();
    this.analysis = { stopWords: analysis.stopWords, stemming: analysis.stemming };
    return this.clear();
  }

  status(): KeywordIndexStatus {
    return { size: this.liveCount };
  }

  clear(): KeywordIndexStatus {
    this.termIds = new Map();
    this.termCount = 0;
    this.df = new Int32Array(0);
    this.maxTf = 0;
    this.ids = [];
    this.slotOf = new Map();
    this.live = new Uint8Array(0);
    this.dl = new Int32Array(0);
    this.slots = 0;
    this.liveCount = 0;
    this.totalDl = 0;
    this.csrSlots = 0;
    this.csrTerms = 0;
    this.postStart = new Int32Array(1);
    this.postByte = new Int32Array(1);
    this.postGaps = new Uint8Array(0);
    this.postTf = new Uint8Array(0);
    this.fwdStart = new Int32Array(1);
    this.fwdTerm = new Int32Array(0);
    this.fwdTf = new Uint8Array(0);
    this.acc = new Float64Array(0);
    this.matched = new Int32Array(0);
    this.allowed = new Uint8Array(0);
    this.norm = new Float64Array(0);
    this.termSlots = new Int32Array(0);
    this.normFor = { avgdl: NaN, version: -1 };
    this.version++;
    return this.status();
  }

  build(docs: KeywordDoc[]): KeywordIndexStatus {
    this.clear();
    this.add(docs);
    this.buildInverted();
    return this.status();
  }

  add(docs: KeywordDoc[]): KeywordIndexStatus {
    for (const doc of docs) {
      if (typeof doc.id !== 'string' || typeof doc.text !== 'string') throw new Error('a keyword document needs a string id and text');
    }
    return this.addCounted(
      docs.map((d) => d.id),
      countTerms(
        docs.map((d) => d.text),
        this.analysis,
      ),
    );
  }

  /**
   * Add chunks whose texts were already tokenised and counted (countTerms, maybe in a tokeniser worker:
   * see parallelBuild.ts), exactly as add() adds them. An id already present is replaced; of two with one
   * id, the later wins.
   */
  addCounted(ids: string[], counts: TermCounts): KeywordIndexStatus {
    const problem = termCountsProblem(counts, ids.length);
    if (problem !== null) throw new Error(`keyword term counts: ${problem}`);
    if (ids.some((id) => typeof id !== 'string')) throw new Error('a keyword document needs a string id');
    // The batch's terms as the index's term ids (new terms in first-seen order, as one by one would give).
    const termOf = new Int32Array(counts.terms.length);
    counts.terms.forEach((term, i) => (termOf[i] = this.termId(term)));
    const last = new Map<string, number>();
    ids.forEach((id, i) => last.set(id, i));
    this.removeSlots([...last.keys()]);
    // Room for the batch at once (not chunk by chunk).
    const slots = this.slots + last.size;
    this.live = grownUint8(this.live, slots);
    this.dl = grownInt32(this.dl, slots);
    this.fwdStart = grownInt32(this.fwdStart, slots - this.csrSlots + 1);
    const postings = this.fwdStart[this.slots - this.csrSlots]! + counts.termIds.length;
    for (let j = 0; j < counts.tf.length; j++) if (counts.tf[j]! > this.maxTf) this.maxTf = counts.tf[j]!;
    this.fwdTerm = grownInt32(this.fwdTerm, postings);
    this.fwdTf = grownTf(this.fwdTf, postings, this.maxTf);
    for (const [id, i] of last) this.addSlot(id, counts, i, termOf);
    this.compactIfSparse();
    return this.status();
  }

  /**
   * What this index holds as a SavedKeywordIndex (core/retrieval/savedKeywordIndex.ts) under `key`: its live
   * chunks, in order, with their terms and counts (copies; an indexed chunk's terms in term order).
   */
  toSaved(key: string): SavedKeywordIndex {
    const terms: string[] = new Array(this.termCount);
    for (const [term, id] of this.termIds) terms[id] = term;
    const ids: string[] = [];
    const start = new Int32Array(this.liveCount + 1);
    /** Each live slot's position among the live ones (-1: dead). */
    const rank = new Int32Array(this.slots).fill(-1);
    for (let slot = 0; slot < this.slots; slot++) {
      if (!this.live[slot]) continue;
      rank[slot] = ids.length;
      ids.push(this.ids[slot]!);
      start[ids.length] = start[ids.length - 1]! + this.dl[slot]!;
    }
    const postings = start[ids.length]!;
    const termIds = new Int32Array(postings);
    const tf = new Int32Array(postings);
    // Indexed slots: their postings, term by term; the slots added since: their forward lists.
    const fill = start.slice(0, ids.length);
    const { postStart, postTf, fwdStart, fwdTerm, fwdTf } = this;
    const postSlot = this.postSlots();
    for (let term = 0; term < this.csrTerms; term++) {
      for (let p = postStart[term]!, end = postStart[term + 1]!; p < end; p++) {
        const r = rank[postSlot[p]!]!;
        if (r < 0) continue;
        const at = fill[r]!++;
        termIds[at] = term;
        tf[at] = postTf[p]!;
      }
    }
    for (let slot = this.csrSlots; slot < this.slots; slot++) {
      const r = rank[slot]!;
      if (r < 0) continue;
      const from = fwdStart[slot - this.csrSlots]!;
      const end = fwdStart[slot - this.csrSlots + 1]!;
      termIds.set(fwdTerm.subarray(from, end), start[r]!);
      tf.set(fwdTf.subarray(from, end), start[r]!);
    }
    const analysis = { stopWords: this.analysis.stopWords, stemming: this.analysis.stemming };
    return { version: SAVED_KEYWORD_INDEX_VERSION, key, analysis, ids, terms, start, termIds, tf };
  }

  /**
   * Replace what this index holds with a saved index (its analysis too), exactly as building from the same
   * chunks would leave it. Throws, changing nothing, when it is not sound for `key`.
   */
  loadSaved(saved: unknown, key: string): KeywordIndexStatus {
    const problem = savedKeywordIndexProblem(saved, key);
    if (problem !== null) throw new Error(`saved keyword index: ${problem}`);
    const s = saved as SavedKeywordIndex;
    this.analysis = { stopWords: s.analysis.stopWords, stemming: s.analysis.stemming };
    this.clear();
    this.addCounted(s.ids, s);
    this.buildInverted();
    return this.status();
  }

  /** The bytes of the typed arrays this index holds (for tests and measurements). */
  heldBytes(): number {
    const arrays = [this.df, this.live, this.dl, this.postStart, this.postByte, this.postGaps, this.postTf, this.fwdStart, this.fwdTerm, this.fwdTf];
    return [...arrays, this.acc, this.matched, this.allowed, this.norm, this.termSlots].reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Bring the inverted index up to date now (after a large addition; queries would otherwise do it lazily). */
  reindex(): KeywordIndexStatus {
    if (this.csrSlots < this.slots) this.buildInverted();
    return this.status();
  }

  remove(ids: string[]): KeywordIndexStatus {
    this.removeSlots(ids);
    this.compactIfSparse();
    return this.status();
  }

  private compactIfSparse(): void {
    if (this.slots >= 64 && (this.slots - this.liveCount) * 4 > this.slots) this.compact();
  }

  /** The term id of a term, a new one if it is new. */
  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termCount++;
      this.termIds.set(term, id);
      if (id >= this.df.length) this.df = grownInt32(this.df, id + 1);
    }
    return id;
  }

  /** A slot for chunk `id`: text i of counts, whose terms are termOf[...] here (the arrays have room: addCounted). */
  private addSlot(id: string, counts: TermCounts, i: number, termOf: Int32Array): void {
    const slot = this.slots++;
    this.version++;
    this.ids[slot] = id;
    this.slotOf.set(id, slot);
    const from = counts.start[i]!;
    const distinct = counts.start[i + 1]! - from;
    const f = slot - this.csrSlots;
    const start = this.fwdStart[f]!;
    const end = start + distinct;
    const { fwdTerm, fwdTf, df } = this;
    for (let j = 0; j < distinct; j++) {
      const term = termOf[counts.termIds[from + j]!]!;
      fwdTerm[start + j] = term;
      fwdTf[start + j] = counts.tf[from + j]!;
      df[term]!++;
    }
    this.fwdStart[f + 1] = end;
    this.dl[slot] = distinct;
    this.live[slot] = 1;
    this.liveCount++;
    this.totalDl += distinct;
  }

  private removeSlots(ids: string[]): void {
    /** Indexed slots removed now: their terms' df are lowered below, in one pass over the postings. */
    let indexed: Uint8Array | null = null;
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.version++;
      this.slotOf.delete(id);
      this.live[slot] = 0;
      this.liveCount--;
      this.totalDl -= this.dl[slot]!;
      if (slot < this.csrSlots) (indexed ??= new Uint8Array(this.csrSlots))[slot] = 1;
      else {
        const f = slot - this.csrSlots;
        for (let i = this.fwdStart[f]!; i < this.fwdStart[f + 1]!; i++) this.df[this.fwdTerm[i]!]!--;
      }
    }
    if (indexed) {
      const { postStart, df } = this;
      const postSlot = this.postSlots();
      for (let term = 0; term < this.csrTerms; term++) {
        let gone = 0;
        for (let p = postStart[term]!, end = postStart[term + 1]!; p < end; p++) gone += indexed[postSlot[p]!]!;
        df[term]! -= gone;
      }
    }
  }

  /** Drop dead slots (renumbering the live ones, in order), then rebuild the inverted index. */
  private compact(): void {
    this.version++;
    const renumber = new Int32Array(this.slots).fill(-1);
    let to = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      if (!this.live[slot]) continue;
      renumber[slot] = to;
      to++;
    }
    this.buildInverted(renumber);
    for (let slot = 0; slot < renumber.length; slot++) {
      const at = renumber[slot]!;
      if (at < 0) continue;
      this.ids[at] = this.ids[slot]!;
      this.slotOf.set(this.ids[at]!, at);
      this.dl[at] = this.dl[slot]!;
      this.live[at] = 1;
    }
    this.ids.length = to;
    this.live.fill(0, to, this.slots);
    this.slots = to;
    this.csrSlots = to;
  }

  /**
   * The inverted index of every live slot so far: the indexed slots' postings and the forward lists of those
   * added since, merged (each term's slots in ascending order); the forward lists are then let go. With
   * `renumber`, each slot's posting is under renumber[slot] instead (compact()).
   */
  private buildInverted(renumber: Int32Array | null = null): void {
    const terms = this.termCount;
    const postStart = new Int32Array(terms + 1);
    const { live, fwdStart, fwdTerm, fwdTf } = this;
    const old = { start: this.postStart, slot: this.postSlots(), tf: this.postTf, slots: this.csrSlots, terms: this.csrTerms };
    for (let term = 0; term < old.terms; term++) {
      let n = 0;
      for (let p = old.start[term]!, end = old.start[term + 1]!; p < end; p++) n += live[old.slot[p]!]!;
      postStart[term + 1] = n;
    }
    for (let slot = old.slots; slot < this.slots; slot++) {
      if (!live[slot]) continue;
      const f = slot - old.slots;
      for (let i = fwdStart[f]!; i < fwdStart[f + 1]!; i++) postStart[fwdTerm[i]! + 1]!++;
    }
    for (let t = 0; t < terms; t++) postStart[t + 1]! += postStart[t]!;
    const postings = postStart[terms]!;
    const postSlot = new Int32Array(postings);
    const postTf = tfArray(this.maxTf, postings);
    const fill = postStart.slice(0, terms);
    for (let term = 0; term < old.terms; term++) {
      let at = fill[term]!;
      for (let p = old.start[term]!, end = old.start[term + 1]!; p < end; p++) {
        const slot = old.slot[p]!;
        if (!live[slot]) continue;
        postSlot[at] = renumber ? renumber[slot]! : slot;
        postTf[at++] = old.tf[p]!;
      }
      fill[term] = at;
    }
    for (let slot = old.slots; slot < this.slots; slot++) {
      if (!live[slot]) continue;
      const f = slot - old.slots;
      const to = renumber ? renumber[slot]! : slot;
      for (let i = fwdStart[f]!; i < fwdStart[f + 1]!; i++) {
        const at = fill[fwdTerm[i]!]!++;
        postSlot[at] = to;
        postTf[at] = fwdTf[i]!;
      }
    }
    this.postStart = postStart;
    [this.postByte, this.postGaps] = encodeSlotGaps(postStart, postSlot, terms);
    this.postTf = postTf;
    this.csrSlots = this.slots;
    this.csrTerms = terms;
    this.fwdStart = new Int32Array(1);
    this.fwdTerm = new Int32Array(0);
    this.fwdTf = tfArray(this.maxTf, 0);
    // The per-slot arrays without the room left by growing them (a build is done: it may be all there is).
    if (!renumber && this.live.length > this.slots) {
      this.live = this.live.slice(0, this.slots);
      this.dl = this.dl.slice(0, this.slots);
    }
  }

  /** Chunks added since the inverted index was built: rebuild it once they are many. */
  private refreshInverted(): void {
    if (this.csrSlots === this.slots) return;
    const pendingPostings = this.fwdStart[this.slots - this.csrSlots]!;
    if (pendingPostings > Math.max(50_000, this.postStart[this.csrTerms]! / 8)) this.buildInverted();
  }

  /** Every indexed posting's slot, decoded (term by term, as postStart orders them): for passes over all of them. */
  private postSlots(): Int32Array {
    return decodeSlotGaps(this.postStart, this.postByte, this.postGaps, this.csrTerms);
  }

  private prepareScratch(avgdl: number): void {
    if (this.acc.length < this.slots) {
      this.acc = new Float64Array(this.slots);
      this.matched = new Int32Array(this.slots);
      this.allowed = new Uint8Array(this.slots);
      this.norm = new Float64Array(this.slots);
      this.normFor = { avgdl: NaN, version: -1 };
    }
    if (this.normFor.avgdl !== avgdl || this.normFor.version !== this.version) {
      const { norm, dl } = this;
      for (let slot = 0; slot < this.slots; slot++) norm[slot] = bm25LengthNorm(dl[slot]!, avgdl);
      this.normFor = { avgdl, version: this.version };
    }
  }

  search(query: string, k: number, options: KeywordSearchOptions = {}): KeywordSearchResult {
    const t0 = performance.now();
    const tokens = analyzedQueryTokens(query, this.analysis);
    k = Math.floor(k);
    let hits: KeywordHit[] = [];
    const queryTerms: number[] = [];
    for (const token of tokens) {
      const term = this.termIds.get(token);
      if (term !== undefined && this.df[term]! > 0) queryTerms.push(term);
    }
    if (queryTerms.length > 0 && k > 0 && this.liveCount > 0) hits = this.scoreTopK(queryTerms, k, options.allowedIds);
    return { hits, tokens, tookMs: performance.now() - t0 };
  }

  private scoreTopK(queryTerms: number[], k: number, allowedIds: string[] | undefined): KeywordHit[] {
    this.refreshInverted();
    const n = this.liveCount;
    this.prepareScratch(this.totalDl / n);
    const { acc, matched, norm, postStart, postByte, postGaps, postTf, df } = this;
    const idfs = queryTerms.map((term) => bm25Idf(df[term]!, n));

    // Indexed slots: each term's postings, in query order.
    for (let q = 0; q < queryTerms.length; q++) {
      const term = queryTerms[q]!;
      if (term >= this.csrTerms) continue;
      const idf = idfs[q]!;
      // The term's slots decoded first (a tight loop: measured faster than decoding inside the scoring loop), then scored.
      const from = postStart[term]!;
      const count = postStart[term + 1]! - from;
      if (this.termSlots.length < count) this.termSlots = new Int32Array(count);
      const slots = this.termSlots;
      let at = postByte[term]!;
      let slot = 0;
      for (let i = 0; i < count; i++) {
        let gap = postGaps[at++]!;
        if (gap >= 0x80) {
          gap &= 0x7f;
          for (let shift = 7; ; shift += 7) {
            const b = postGaps[at++]!;
            gap |= (b & 0x7f) << shift;
            if (b < 0x80) break;
          }
        }
        slots[i] = slot += gap;
      }
      for (let i = 0; i < count; i++) {
        const slot = slots[i]!;
        acc[slot]! += bm25TermScore(idf, postTf[from + i]!, norm[slot]!);
        matched[slot]!++;
      }
    }
    // Slots added since: from their forward lists, each chunk's terms added in query order.
    if (this.csrSlots < this.slots) {
      const queryPos = new Map(queryTerms.map((term, q) => [term, q]));
      const tfOf = new Int32Array(queryTerms.length);
      const { fwdStart, fwdTerm, fwdTf } = this;
      for (let slot = this.csrSlots; slot < this.slots; slot++) {
        if (!this.live[slot]) continue;
        const f = slot - this.csrSlots;
        let any = false;
        for (let i = fwdStart[f]!; i < fwdStart[f + 1]!; i++) {
          const q = queryPos.get(fwdTerm[i]!);
          if (q !== undefined) {
            tfOf[q] = fwdTf[i]!;
            any = true;
          }
        }
        if (!any) continue;
        for (let q = 0; q < queryTerms.length; q++) {
          if (tfOf[q] === 0) continue;
          acc[slot]! += bm25TermScore(idfs[q]!, tfOf[q]!, norm[slot]!);
          matched[slot]!++;
          tfOf[q] = 0;
        }
      }
    }

    // The k best that pass: live, and allowed when a filter is given.
    let pass = this.live;
    if (allowedIds) {
      pass = this.allowed;
      for (const id of allowedIds) {
        const slot = this.slotOf.get(id);
        if (slot !== undefined) pass[slot] = 1;
      }
    }
    const top = new TopK(Math.min(k, n), (slot) => this.ids[slot]!);
    for (let slot = 0; slot < this.slots; slot++) {
      const m = matched[slot]!;
      if (m !== 0 && pass[slot] !== 0) top.offer(slot, acc[slot]! * m);
    }
    acc.fill(0, 0, this.slots);
    matched.fill(0, 0, this.slots);
    if (allowedIds) this.allowed.fill(0, 0, this.slots);
    return top.sorted().map(({ slot, score }) => ({ id: this.ids[slot]!, score }));
  }
}
