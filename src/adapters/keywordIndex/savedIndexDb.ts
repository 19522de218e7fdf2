// The saved keyword index (core/retrieval/savedKeywordIndex.ts) in IndexedDB, through Dexie, in a database
// of its own ('openbook-keyword-index', one row): the keyword worker writes it after a large build of the
// app's index and reads it on the next visit instead of tokenising every chunk again. It is a cache of what
// the workspace's chunks give: a row made from other chunks is never used (its key says which chunks), and
// it is deleted when the searchable chunks are emptied (the workspace cleared). Used inside the worker.
import { Dexie, type EntityTable } from 'dexie';
import type { SavedKeywordIndex } from '@openbook/core/retrieval/savedKeywordIndex';

export const KEYWORD_INDEX_DB_NAME = 'openbook-keyword-index';

interface SavedRow {
  slot: 'app';
  saved: SavedKeywordIndex;
}

type SavedIndexDexie = Dexie & { saved: EntityTable<SavedRow, 'slot'> };

export class SavedKeywordIndexDb {
  private readonly db: SavedIndexDexie;

  constructor(name = KEYWORD_INDEX_DB_NAME) {
    this.db = new Dexie(name) as SavedIndexDexie;
    this.db.version(1).stores({ saved: 'slot' });
  }

  /** The saved index (unchecked: anything that was stored), or null when there is none. */
  async load(): Promise<unknown> {
    return (await this.db.saved.get('app'))?.saved ?? null;
  }

  /** Replace the saved index. */
  async save(saved: SavedKeywordIndex): Promise<void> {
    await this.db.saved.put({ slot: 'app', saved });
  }

  async clear(): Promise<void> {
    await this.db.saved.clear();
  }

  close(): void {
    this.db.close();
  }
}
