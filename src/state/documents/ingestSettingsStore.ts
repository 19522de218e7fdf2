// How large a file may be, in MB, and whether files are embedded and indexed as they are added (the
// ingestion pipeline, flows/ingestPipeline.ts): settings that outlive a reload.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { schemaPersistOptions } from '../runtime/persistedSchema';

export const DEFAULT_MAX_FILE_MB = 100;
/** Bounds of the setting: from 0.01 MB (10 KB, for trying it out) to 2 GB. */
export const MIN_MAX_FILE_MB = 0.01;
export const MAX_MAX_FILE_MB = 2048;

interface IngestSettingsState {
  maxFileMB: number;
  setMaxFileMB(mb: number): void;
  /** Embed and index files as they are added (off: they are read and chunked; "Embed and index" is pressed later). */
  indexOnAdd: boolean;
  setIndexOnAdd(on: boolean): void;
}

export const isValidMaxFileMB = (mb: number) => Number.isFinite(mb) && mb >= MIN_MAX_FILE_MB && mb <= MAX_MAX_FILE_MB;

export const useIngestSettingsStore = create<IngestSettingsState>()(
  persist(
    (set) => ({
      maxFileMB: DEFAULT_MAX_FILE_MB,
      setMaxFileMB: (maxFileMB) => {
        if (isValidMaxFileMB(maxFileMB)) set({ maxFileMB });
      },
      indexOnAdd: false,
      setIndexOnAdd: (indexOnAdd) => set({ indexOnAdd }),
    }),
    {
      name: 'openbook.ingest',
      storage: settingsStorage,
      partialize: (s) => ({ maxFileMB: s.maxFileMB, indexOnAdd: s.indexOnAdd }),
      ...schemaPersistOptions<IngestSettingsState>('openbook.ingest', { maxFileMB: v.pipe(v.number(), v.check(isValidMaxFileMB)), indexOnAdd: v.boolean() }),
    },
  ),
);

/** The limit in bytes; a value that is not a valid setting (never applied, but state can be set directly) counts as the default. */
export const maxFileBytes = (mb: number) => Math.round((isValidMaxFileMB(mb) ? mb : DEFAULT_MAX_FILE_MB) * 1024 * 1024);
