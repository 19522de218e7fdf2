// VoyIndex: the VectorIndex on top of voy-search 0.6.3 (a k-d tree in wasm), with guards for its limits,
// each a behaviour of voy-search 0.6.3 found by trying it (the panic and truncation are also in voyIndex.test.ts):
// - Voy returns no scores: every vector is also kept here (in an ExactIndex), each hit is scored with
//   the dot product of the stored normalised vectors (= cosine) and results are re-sorted by it.
// - Voy fixes the dimension at 768 and silently truncates longer vectors: over 768 the exact engine
//   answers (fallbackReason 'dimension-over-768').
// - 33+ identical vectors make Voy panic: only one representative per distinct vector goes into Voy;
//   a hit expands into all ids sharing that vector (same score).
// - A one-shot build crashes at ~66-70k x 384: items go in batches (5,000 per add call).
// - Its wasm memory grows by about 10 KB per vector (~1 GB at 100k) and past ~10k vectors its query is
//   slower than the exact scan: past `maxVoyItems` (voyLimit.ts, from the device's memory) Voy is not
//   used at all (fallbackReason 'too-large'); it comes back when removals bring the index under it.
// - Voy cannot filter: a search with allowedIds is an exact scan of those ids (the result says 'filtered').
// - If Voy throws anyway (wasm `unreachable`, `unwrap_throw`), the exact engine takes over for good
//   (fallbackReason 'voy-failed'): a wasm instance that panicked is not trusted again.
// - Voy keys items by a hash of (id, title, url) and `remove` needs the original vector: representatives
//   get unique keys ('v<n>'), and removal passes the stored vector (identical floats).
// The exact index is always complete, so switching to it never loses anything.
//
// Operations run one at a time (a promise queue), so calls arriving through Comlink cannot interleave.
import type { IndexEngine, IndexItem, IndexStatus, SearchHit, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { ExactIndex, type ScanHelperStarter } from './exactIndex';
import { checkItems, dimensionMismatch, lastById, normalizedCopy, sortHits } from './vectorMath';

/** The part of voy-search's Voy class used here (structural, so tests can pass a stand-in). */
export interface VoyItem {
  id: string;
  title: string;
  url: string;
  embeddings: number[];
}
export interface VoyResource {
  embeddings: VoyItem[];
}
export interface VoyLike {
  add(resource: VoyResource): void;
  remove(resource: VoyResource): void;
  search(query: Float32Array, k: number): { neighbors: Array<{ id: string }> };
  size(): number;
  free?(): void;
}
export type VoyConstructor = new (resource?: VoyResource) => VoyLike;

/** Voy's fixed dimension: longer vectors would be truncated. */
export const VOY_MAX_DIMENSION = 768;
/** Representatives per Voy add/remove call. */
export const VOY_BATCH_SIZE = 5000;
/**
 * Representatives per step of a background fill: a search queued meanwhile waits for at most one step
 * (1,000 x 384 dims is about 0.4 s on a slow 2-core machine).
 */
export const VOY_BACKGROUND_BATCH_SIZE = 1000;

/**
 * Why the exact engine answers: Voy cannot hold these vectors (too long, or too many for this device),
 * failed, or is still being filled; per search also 'filtered' (Voy cannot filter).
 */
export type FallbackReason = 'dimension-over-768' | 'too-large' | 'voy-failed' | 'voy-building' | 'filtered';

/** Told when the index's status changes after build() has returned (Voy finished filling, or failed). */
export type StatusListener = (status: IndexStatus) => void;

export interface VoyIndexOptions {
  /** The Voy class itself... */
  Voy?: VoyConstructor;
  /** ...or a loader for it (loadVoy.ts in the browser, loadVoyNode.ts in Node). Called once, lazily. */
  loadVoy?: () => Promise<VoyConstructor>;
  /** Representatives per Voy add/remove call (default 5,000). */
  batchSize?: number;
  /**
   * Extra distinct vectors asked of Voy beyond k (default 8), so that near-ties, which Voy ranks by
   * f32 squared distance and we by dot product, cannot push a true top-k item out.
   */
  searchMargin?: number;
  /** Told when Voy fails and the exact engine takes over (default: console.warn). */
  onVoyError?: (error: unknown) => void;
  /**
   * From this many items on, build() returns as soon as the exact engine holds them (tens of ms) and Voy
   * is filled afterwards, one batch per queued operation, so searches (answered exactly meanwhile, with
   * fallbackReason 'voy-building') interleave. Default: never (Voy is filled before build() returns).
   */
  backgroundBuildFrom?: number;
  /** Past this many chunks Voy is not used (fallbackReason 'too-large'). Default: no limit. */
  maxVoyItems?: number;
  /** Starts a helper thread for the exact index's scan (ExactIndex's `helper` option). */
  scanHelper?: ScanHelperStarter;
}

/** Background fills re-read each vector from the exact index by id; the items they queue carry none. */
const NO_VECTOR = new Float32Array(0);

/** One distinct vector: a single item in Voy, any number of ids here. */
interface Group {
  key: string;
  hash: number;
  /** Chunk ids with exactly this vector. Never empty while the group exists. */
  members: Set<string>;
}

function firstMember(group: Group): string {
  return group.members.values().next().value as string;
}

/** A 32-bit hash of a vector's bytes (murmur3-style mixing of its Float32 bit patterns). */
export function hashVector(v: Float32Array): number {
  const words = new Uint32Array(v.buffer, v.byteOffset, v.length);
  let h = v.length | 0;
  for (let i = 0; i < words.length; i++) {
    let k = Math.imul(words[i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function sameVector(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function reportProgress(cb: ((done: number, total: number) => void) | undefined, done: number, total: number): void {
  if (!cb) return;
  try {
    // Through Comlink the callback returns a promise; a failed report must not fail the build.
    const r = cb(done, total) as unknown;
    if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).catch(() => undefined);
  } catch {
    // ignore
  }
}

function reportStatus(listener: StatusListener, status: IndexStatus): void {
  try {
    const r = listener(status) as unknown;
    if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).catch(() => undefined);
  } catch {
    // a listener's failure is not the index's
  }
}

export class VoyIndex implements VectorIndex {
  private readonly exact: ExactIndex;
  private readonly batchSize: number;
  private readonly searchMargin: number;
  private readonly onVoyError: (error: unknown) => void;
  private VoyClass: VoyConstructor | null;
  private readonly loader: (() => Promise<VoyConstructor>) | null;

  /** The live Voy instance; null while the exact engine answers or before the first item. */
  private voy: VoyLike | null = null;
  private failed = false;
  private voyError: unknown = null;
  private readonly groups = new Map<string, Group>();
  private readonly groupOfId = new Map<string, Group>();
  private readonly byHash = new Map<number, Group[]>();
  private nextKey = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly backgroundBuildFrom: number;
  /** Items still to be put into Voy by a background build, and which build they belong to. */
  private filling: { build: number; items: IndexItem[]; next: number } | null = null;
  private builds = 0;
  private readonly maxVoyItems: number;
  /** The last build's listener: also told when Voy comes back after removals. */
  private statusListener: StatusListener | undefined;

  constructor(options: VoyIndexOptions) {
    this.exact = new ExactIndex({ helper: options.scanHelper });
    this.VoyClass = options.Voy ?? null;
    this.loader = options.loadVoy ?? null;
    if (!this.VoyClass && !this.loader) throw new Error('VoyIndex needs the Voy class or a loader for it');
    this.batchSize = Math.max(1, options.batchSize ?? VOY_BATCH_SIZE);
    this.searchMargin = Math.max(0, options.searchMargin ?? 8);
    this.backgroundBuildFrom = options.backgroundBuildFrom ?? Number.POSITIVE_INFINITY;
    this.maxVoyItems = Math.max(0, options.maxVoyItems ?? Number.POSITIVE_INFINITY);
    this.onVoyError = options.onVoyError ?? ((error) => console.warn('voy-search failed; the exact engine answers from now on.', error));
  }

  // ---- VectorIndex ----

  status(): IndexStatus {
    const fallbackReason = this.fallbackReason();
    const status: IndexStatus = {
      size: this.exact.size,
      dimension: this.exact.dimension,
      engine: fallbackReason ? 'exact' : 'voy',
      fallbackReason,
    };
    if (Number.isFinite(this.maxVoyItems)) status.voyLimit = this.maxVoyItems;
    return status;
  }

  build(items: IndexItem[], onProgress?: (done: number, total: number) => void, onLaterStatus?: StatusListener): Promise<IndexStatus> {
    return this.serial(async () => {
      const build = ++this.builds;
      this.filling = null;
      this.statusListener = onLaterStatus;
      const dim = checkItems(items, null);
      const unique = lastById(items);
      const total = unique.length;
      let last = -1;
      const progress = (done: number) => {
        if (done !== last) reportProgress(onProgress, (last = done), total);
      };
      if (dim !== null && dim <= VOY_MAX_DIMENSION) await this.ensureVoyClass();
      this.exact.reset();
      this.dropVoy();
      progress(0);
      this.exact.putMany(unique);
      if (total > 0 && this.fallbackReason() === null) {
        this.startVoy();
        if (total >= this.backgroundBuildFrom && this.voy) {
          // Ids only: the vectors are read from the exact index as each batch goes in, so the copies that
          // arrived with this call can be freed now (154 MB at 100k x 384).
          this.filling = { build, items: unique.map((item) => ({ id: item.id, vector: NO_VECTOR })), next: 0 };
          this.scheduleFill(build, onLaterStatus);
        } else {
          this.attach(unique, progress);
        }
      }
      progress(total);
      return this.status();
    });
  }

  add(items: IndexItem[]): Promise<IndexStatus> {
    return this.serial(async () => {
      const dim = checkItems(items, this.exact.dimension);
      if (dim === null || items.length === 0) return this.status();
      const unique = lastById(items);
      if (dim <= VOY_MAX_DIMENSION) await this.ensureVoyClass();
      // Replacing an id: take the old vector out first (also out of Voy if it was the last of its kind).
      const replaced = unique.filter((item) => this.exact.has(item.id)).map((item) => item.id);
      if (replaced.length > 0) this.detach(replaced);
      if (this.exact.size === 0) {
        this.dropVoy(); // a fresh start: the dimension (and engine) may change
        this.filling = null;
      }
      this.exact.putMany(unique);
      if (this.fallbackReason() === 'too-large') {
        this.filling = null;
        this.dropVoy(); // over the limit now: Voy's memory goes
      } else if (this.filling) {
        this.filling.items.push(...unique); // Voy gets them when the background build reaches them
      } else if (this.fallbackReason() === null) {
        if (!this.voy) this.startVoy();
        this.attach(unique);
      }
      return this.status();
    });
  }

  remove(ids: string[]): Promise<IndexStatus> {
    return this.serial(async () => {
      const wasTooLarge = this.fallbackReason() === 'too-large';
      this.detach(ids);
      if (wasTooLarge && this.exact.size > 0 && this.fallbackReason() === null) {
        // Back under the limit: fill Voy again in the background (the exact scan answers meanwhile).
        this.startVoy();
        if (this.voy) {
          const build = ++this.builds;
          this.filling = { build, items: this.exact.idList().map((id) => ({ id, vector: NO_VECTOR })), next: 0 };
          this.scheduleFill(build, this.statusListener);
        }
      }
      return this.status();
    });
  }

  clear(): Promise<IndexStatus> {
    return this.serial(async () => {
      this.builds++;
      this.filling = null;
      this.exact.reset();
      this.dropVoy();
      return this.status();
    });
  }

  /**
   * Top-k by cosine. Voy answers unless the caller asks for the exact engine (options.engine), Voy cannot
   * answer (fallbackReason), or there is a filter (options.allowedIds: an exact scan of those ids, since
   * Voy cannot filter). The result says which engine answered and, when Voy was wanted, why not.
   */
  search(query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> {
    return this.serial(async () => {
      const t0 = performance.now();
      const dim = this.exact.dimension;
      k = Math.floor(k);
      const wanted: IndexEngine = options?.engine ?? 'voy';
      const allowed = options?.allowedIds;
      let reason: FallbackReason | null = wanted === 'voy' ? (this.fallbackReason() ?? (allowed ? 'filtered' : null)) : null;
      let engine: IndexEngine = wanted === 'voy' && reason === null ? 'voy' : 'exact';
      let hits: SearchHit[] = [];
      if (dim !== null && this.exact.size > 0 && k > 0) {
        if (query.length !== dim) throw dimensionMismatch(dim, query.length);
        const q = normalizedCopy(query);
        const fromVoy = engine === 'voy' ? this.searchVoy(q, k) : null;
        if (fromVoy) {
          hits = fromVoy;
        } else {
          if (engine === 'voy') reason = 'voy-failed';
          engine = 'exact';
          hits = this.exact.topKNormalized(q, k, allowed ? this.exact.slotsOf(allowed) : undefined);
        }
      }
      return { hits, engine, tookMs: performance.now() - t0, fallbackReason: engine === 'exact' ? reason : null };
    });
  }

  // ---- extras ----

  /** Copies of the stored (L2-normalised) vectors of these ids; null for an id not in the index. */
  vectorsOf(ids: readonly string[]): Array<Float32Array | null> {
    return ids.map((id) => this.exact.vectorOf(id)?.slice() ?? null);
  }

  /** Counts for tests and diagnostics: ids, distinct vectors, items inside Voy (null without Voy). */
  counts(): { ids: number; distinctVectors: number; voyItems: number | null } {
    let voyItems: number | null = null;
    if (this.voy) voyItems = this.guard((voy) => voy.size()) ?? null;
    return { ids: this.exact.size, distinctVectors: this.groups.size, voyItems };
  }

  /** The error that made Voy give up, if it did. */
  get lastVoyError(): unknown {
    return this.voyError;
  }

  // ---- internals ----

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private fallbackReason(): FallbackReason | null {
    if (this.failed) return 'voy-failed';
    const dim = this.exact.dimension;
    if (dim !== null && dim > VOY_MAX_DIMENSION) return 'dimension-over-768';
    if (this.exact.size > this.maxVoyItems) return 'too-large';
    if (this.filling) return 'voy-building';
    return null;
  }

  /** Resolves when no background build is filling Voy (for tests and benchmarks). */
  async settled(): Promise<IndexStatus> {
    while (this.filling) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.serial(async () => this.status());
  }

  /** Put the next batch of a background build into Voy, as its own queued operation; then the next. */
  private scheduleFill(build: number, onLaterStatus?: StatusListener): void {
    setTimeout(() => {
      void this.serial(async () => {
        const filling = this.filling;
        if (!filling || filling.build !== build) return; // superseded by another build or a clear
        const step = Math.min(this.batchSize, VOY_BACKGROUND_BATCH_SIZE);
        const batch = filling.items
          .slice(filling.next, filling.next + step)
          // Removed since, or already in Voy (an id replaced by add() comes again at the end).
          .filter((item) => this.exact.has(item.id) && !this.groupOfId.has(item.id));
        filling.next += step;
        this.attach(batch);
        if (this.voy && filling.next < filling.items.length) {
          this.scheduleFill(build, onLaterStatus);
          return;
        }
        this.filling = null; // done, or Voy failed (then the exact engine answers for good)
        if (onLaterStatus) reportStatus(onLaterStatus, this.status());
      });
    }, 0);
  }

  private async ensureVoyClass(): Promise<void> {
    if (this.VoyClass || this.failed || !this.loader) return;
    try {
      this.VoyClass = await this.loader();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Voy failed: forget it (without touching it again) and let the exact engine answer. */
  private fail(error: unknown): void {
    this.failed = true;
    this.voyError = error;
    this.voy = null;
    this.clearGroups();
    this.onVoyError(error);
  }

  /** Run a Voy call; a throw switches to the exact engine and yields undefined. */
  private guard<T>(call: (voy: VoyLike) => T): T | undefined {
    const voy = this.voy;
    if (!voy) return undefined;
    try {
      return call(voy);
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  private startVoy(): void {
    if (this.failed) return;
    const VoyClass = this.VoyClass;
    if (!VoyClass) {
      this.fail(new Error('voy-search is not loaded'));
      return;
    }
    try {
      this.voy = new VoyClass();
    } catch (error) {
      this.fail(error);
    }
  }

  private dropVoy(): void {
    if (this.voy) this.guard((voy) => voy.free?.());
    this.voy = null;
    this.clearGroups();
  }

  private clearGroups(): void {
    this.groups.clear();
    this.groupOfId.clear();
    this.byHash.clear();
  }

  /** Put ids already stored in `exact` into groups; new distinct vectors go into Voy in batches. */
  private attach(items: readonly IndexItem[], onProgress?: (done: number) => void): void {
    let pending: Group[] = [];
    const flush = (done: number): boolean => {
      if (pending.length > 0) {
        const embeddings: VoyItem[] = pending.map((group) => ({
          id: group.key,
          title: '',
          url: '',
          // Voy wants a plain array; these are the exact floats of the stored vector.
          embeddings: Array.from(this.exact.vectorOf(firstMember(group))!),
        }));
        pending = [];
        this.guard((voy) => voy.add({ embeddings }));
      }
      if (!this.voy) return false;
      onProgress?.(done);
      return true;
    };
    let done = 0;
    for (const item of items) {
      const id = item.id;
      const vector = this.exact.vectorOf(id)!;
      const hash = hashVector(vector);
      let bucket = this.byHash.get(hash);
      let group = bucket?.find((g) => sameVector(this.exact.vectorOf(firstMember(g))!, vector));
      if (group) {
        group.members.add(id);
      } else {
        group = { key: `v${this.nextKey++}`, hash, members: new Set([id]) };
        if (!bucket) this.byHash.set(hash, (bucket = []));
        bucket.push(group);
        this.groups.set(group.key, group);
        pending.push(group);
      }
      this.groupOfId.set(id, group);
      done++;
      if (pending.length >= this.batchSize && !flush(done)) return;
    }
    flush(done);
  }

  /** Remove ids from the groups (and from Voy when the last id of a vector goes), then from `exact`. */
  private detach(ids: readonly string[]): void {
    if (this.voy) {
      let removals: VoyItem[] = [];
      const flush = () => {
        const embeddings = removals;
        removals = [];
        if (embeddings.length > 0) this.guard((voy) => voy.remove({ embeddings }));
      };
      for (const id of ids) {
        const group = this.groupOfId.get(id);
        if (!group) continue;
        this.groupOfId.delete(id);
        group.members.delete(id);
        if (group.members.size > 0) continue;
        this.groups.delete(group.key);
        const bucket = this.byHash.get(group.hash)!;
        if (bucket.length === 1) this.byHash.delete(group.hash);
        else bucket.splice(bucket.indexOf(group), 1);
        // Voy finds the item by (id, title, url) AND its position: pass the very same floats.
        removals.push({ id: group.key, title: '', url: '', embeddings: Array.from(this.exact.vectorOf(id)!) });
        if (removals.length >= this.batchSize) {
          flush();
          if (!this.voy) break;
        }
      }
      flush();
    }
    this.exact.deleteMany(ids);
  }

  /** Top-k through Voy, scored and re-sorted with the stored vectors; null if Voy failed. */
  private searchVoy(q: Float32Array, k: number): SearchHit[] | null {
    const distinct = this.groups.size;
    const enough = Math.min(distinct, k + this.searchMargin);
    if (enough <= 0) return []; // and never ask Voy for 0 neighbours: that panics
    let want = enough;
    for (;;) {
      const result = this.guard((voy) => voy.search(q, want));
      if (!result) return null;
      const hits: SearchHit[] = [];
      let found = 0;
      for (const neighbor of result.neighbors) {
        const group = this.groups.get(neighbor.id);
        if (!group) continue; // not ours (should not happen)
        found++;
        const score = this.exact.scoreOf(firstMember(group), q)!;
        for (const id of group.members) hits.push({ id, score });
      }
      // k distinct vectors always hold at least k ids; the margin covers near-ties.
      if (found >= enough || result.neighbors.length < want) {
        const sorted = sortHits(hits);
        sorted.length = Math.min(sorted.length, k);
        return sorted;
      }
      want *= 2;
    }
  }
}
