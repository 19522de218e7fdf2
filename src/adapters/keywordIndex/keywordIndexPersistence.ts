// Saving the app's keyword index between visits and loading it back (in the keyword worker): before a large
// build, restore() looks for an index saved from the very same chunks under the same analysis and loads it
// (no tokenising at all); when there is none, the build goes on as usual and saveBuilt() then saves what it
// made. A saved index that is missing, of another format, made from other chunks or unsound is simply
// rebuilt. Storage failures (no IndexedDB, a full disk) cost only the time of a build.
import { keywordSourceKey } from '@openbook/core/retrieval/savedKeywordIndex';
import type { KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import type { Bm25Index } from './bm25Index';
import type { KeywordDoc, KeywordIndexStatus } from './keywordIndex';
import type { SavedKeywordIndexDb } from './savedIndexDb';

/** What restore() found. */
export type RestoreOutcome = { restored: true; status: KeywordIndexStatus } | { restored: false; reason: string };

export class KeywordIndexPersistence {
  /** The key of the chunks restore() last missed: saveBuilt() saves the index built from them under it. */
  private pending: string | null = null;

  constructor(
    private readonly index: Bm25Index,
    /** The storage (opened on first use: Dexie is loaded only for a large build), or null where there is none. */
    private readonly db: () => Promise<SavedKeywordIndexDb | null> | SavedKeywordIndexDb | null,
  ) {}

  /** Load the index saved from these chunks under this analysis, if there is a sound one. */
  async restore(docs: KeywordDoc[], analysis: KeywordAnalysis): Promise<RestoreOutcome> {
    this.pending = null;
    let db: SavedKeywordIndexDb | null;
    try {
      db = await this.db();
    } catch (error) {
      return { restored: false, reason: `no storage: ${String(error)}` };
    }
    if (!db) return { restored: false, reason: 'no storage' };
    const key = await keywordSourceKey(docs, analysis);
    this.pending = key;
    let saved: unknown;
    try {
      saved = await db.load();
    } catch (error) {
      return { restored: false, reason: `not readable: ${String(error)}` };
    }
    if (saved === null) return { restored: false, reason: 'none saved' };
    try {
      const status = this.index.loadSaved(saved, key);
      this.pending = null;
      return { restored: true, status };
    } catch (error) {
      return { restored: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Save the index as built from the chunks restore() last missed; false when there is nothing to save or saving failed. */
  async saveBuilt(): Promise<boolean> {
    const key = this.pending;
    this.pending = null;
    if (key === null) return false;
    try {
      const db = await this.db();
      if (!db) return false;
      await db.save(this.index.toSaved(key));
      return true;
    } catch {
      return false;
    }
  }

  /** The index was changed otherwise (chunks added or removed): nothing built from restore()'s chunks to save. */
  changed(): void {
    this.pending = null;
  }

  /** Delete the saved index (the workspace's chunks are gone). */
  async forget(): Promise<void> {
    this.pending = null;
    try {
      await (await this.db())?.clear();
    } catch {
      /* nothing saved, or storage gone: nothing to delete */
    }
  }
}
