// The vector index worker's index: the exact scan (ExactIndex) until a search first asks for Voy, then a
// VoyIndex made from the same items. Voy's code and wasm are loaded only then (the worker passes a factory
// that imports voyIndex.ts and loadVoy.ts dynamically), so a page that never chooses Voy never fetches
// them. The switch happens once: the VoyIndex keeps its own exact index and answers exact searches too.
// If the factory fails (e.g. the chunk cannot be fetched), the exact scan goes on answering and the search
// says why (fallbackReason 'voy-failed'); the next search that asks for Voy tries again.
//
// Operations run one at a time (a promise queue), so the switch cannot interleave with a build or an add.
//
// A staged build (a restore) puts its rows without their int8 copy (ExactIndex.putStaged): the index is
// searchable sooner, on the f32 scan, and the int8 copy is made after the commit, INT8_SLICE rows per turn
// of the queue, so searches in between wait for one slice at most.
import { ExactIndex, type ScanHelperStarter } from './exactIndex';
import type { IndexItem, IndexStatus, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';

/** What the worker needs of an index besides VectorIndex (VoyIndex has both). */
export interface WorkerIndex extends VectorIndex {
  counts(): { ids: number; distinctVectors: number; voyItems: number | null };
  vectorsOf(ids: readonly string[]): Array<Float32Array | null>;
}

export type StatusListener = (status: IndexStatus) => void;

/** Rows whose int8 copy is made per turn after a staged build (~10-20 ms of work at 384 dimensions). */
export const INT8_SLICE = 4096;

export class LazyVoyIndex implements VectorIndex {
  private exact: ExactIndex | null;
  private voy: WorkerIndex | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The last build's listener: told when Voy comes in, and handed to the VoyIndex for its later changes. */
  private listener: StatusListener | undefined;
  /** An index being filled part by part (stage), beside the one that answers, until commitStaged. */
  private staged: ExactIndex | null = null;
  /** Whether turns that make the answering index's pending int8 rows are queued. */
  private quantizing = false;

  /** `scanHelper`: starts the exact index's helper thread (ExactIndex's `helper` option). */
  constructor(
    private readonly createVoy: () => Promise<WorkerIndex>,
    private readonly scanHelper?: ScanHelperStarter,
  ) {
    this.exact = new ExactIndex({ helper: scanHelper });
  }

  /** Whether Voy has been loaded (a search asked for it). */
  get voyLoaded(): boolean {
    return this.voy !== null;
  }

  status(): IndexStatus {
    return this.voy ? this.voy.status() : this.exactIndex().status();
  }

  build(items: IndexItem[], onProgress?: (done: number, total: number) => void, onLaterStatus?: StatusListener): Promise<IndexStatus> {
    return this.serial(() => {
      this.listener = onLaterStatus;
      return this.voy ? this.voy.build(items, onProgress, onLaterStatus) : this.exactIndex().build(items, onProgress);
    });
  }

  /**
   * Add items to a staged index, beside the one that answers (which does not change): a build that
   * proceeds as its vectors arrive (a restore reading them from storage). `fresh` drops what was staged.
   */
  stage(items: IndexItem[], fresh = false): Promise<void> {
    return this.serial(async () => {
      if (fresh) this.dropStagedNow();
      this.staged ??= new ExactIndex({ helper: this.scanHelper });
      this.staged.putStaged(items);
    });
  }

  /** Make the staged items the index (as build() of them would), and the stage empty. */
  commitStaged(onProgress?: (done: number, total: number) => void, onLaterStatus?: StatusListener): Promise<IndexStatus> {
    return this.serial(async () => {
      const staged = this.staged ?? new ExactIndex({ helper: this.scanHelper });
      this.staged = null;
      this.listener = onLaterStatus;
      if (this.voy) {
        const items = staged.idList().map((id) => ({ id, vector: staged.vectorOf(id)! }));
        try {
          return await this.voy.build(items, onProgress, onLaterStatus);
        } finally {
          staged.reset();
        }
      }
      this.exactIndex().reset();
      this.exact = staged;
      this.quantizeInTurns();
      onProgress?.(staged.size, staged.size);
      return staged.status();
    });
  }

  /** Rows of the answering exact index whose int8 copy is still to be made. */
  get int8Pending(): number {
    return this.exact?.int8Pending ?? 0;
  }

  /** Resolves once the answering index has every int8 row (for tests and benchmarks). */
  int8Ready(): Promise<void> {
    return this.serial(async () => {
      this.exact?.quantizePending();
    });
  }

  /** Queue turns that each make INT8_SLICE of the answering exact index's pending int8 rows, until none wait. */
  private quantizeInTurns(): void {
    if (this.quantizing || !this.exact?.int8Pending) return;
    this.quantizing = true;
    const turn = () =>
      void this.serial(async () => {
        const left = this.exact?.quantizePending(INT8_SLICE) ?? 0;
        if (left > 0) setTimeout(turn, 0);
        else this.quantizing = false;
      });
    setTimeout(turn, 0);
  }

  /** Forget what was staged. */
  dropStaged(): Promise<void> {
    return this.serial(async () => this.dropStagedNow());
  }

  private dropStagedNow(): void {
    this.staged?.reset(); // (stops its helper thread, if it had one)
    this.staged = null;
  }

  add(items: IndexItem[]): Promise<IndexStatus> {
    return this.serial(() => (this.voy ?? this.exactIndex()).add(items));
  }

  remove(ids: string[]): Promise<IndexStatus> {
    return this.serial(() => (this.voy ?? this.exactIndex()).remove(ids));
  }

  clear(): Promise<IndexStatus> {
    return this.serial(() => (this.voy ?? this.exactIndex()).clear());
  }

  search(query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> {
    return this.serial(async () => {
      if (options?.engine === 'voy' && !this.voy && !(await this.switchToVoy())) {
        const result = await this.exactIndex().search(query, k, options);
        return { ...result, fallbackReason: 'voy-failed' };
      }
      return (this.voy ?? this.exactIndex()).search(query, k, options);
    });
  }

  /** Counts for diagnostics: ids, distinct vectors (known once Voy is in use), items inside Voy. */
  counts(): { ids: number; distinctVectors: number | null; voyItems: number | null } {
    return this.voy ? this.voy.counts() : { ids: this.exactIndex().size, distinctVectors: null, voyItems: null };
  }

  /** The stored vector of an id as a VIEW (valid until the next change) where the exact index holds it, else a copy. */
  viewOf(id: string): Float32Array | undefined {
    return this.voy ? (this.voy.vectorsOf([id])[0] ?? undefined) : this.exactIndex().vectorOf(id);
  }

  /** Copies of the stored (L2-normalised) vectors of these ids; null for an id not in the index. */
  vectorsOf(ids: readonly string[]): Array<Float32Array | null> {
    if (this.voy) return this.voy.vectorsOf(ids);
    return this.exactIndex().vectorsOf(ids);
  }

  /** Make the VoyIndex, fill it with the exact index's items and drop the exact index. False if that failed. */
  private async switchToVoy(): Promise<boolean> {
    const exact = this.exactIndex();
    let voy: WorkerIndex;
    try {
      voy = await this.createVoy();
      // Views of the exact index's rows (not copies): the VoyIndex copies them into its own exact index,
      // and this one is not changed while that happens (the queue holds every other operation back).
      const items = exact.idList().map((id) => ({ id, vector: exact.vectorOf(id)! }));
      if (items.length > 0) await voy.build(items, undefined, this.listener);
    } catch (error) {
      console.warn('Voy could not be loaded; the exact engine answers.', error);
      return false;
    }
    this.voy = voy;
    exact.reset(); // (stops its scan helper thread, if it had one: the VoyIndex's exact index has its own)
    this.exact = null;
    if (this.listener) notify(this.listener, voy.status());
    return true;
  }

  private exactIndex(): ExactIndex {
    if (!this.exact) throw new Error('the exact index was handed over to Voy');
    return this.exact;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Tell a listener (through Comlink its call returns a promise) without letting its failure escape. */
function notify(listener: StatusListener, status: IndexStatus): void {
  try {
    const r = listener(status) as unknown;
    if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).catch(() => undefined);
  } catch {
    // a listener's failure is not the index's
  }
}
