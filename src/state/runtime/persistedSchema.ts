// Reading persisted settings back with schemas (valibot). Every store that persists to localStorage
// passes its fields' schemas here; what it gets back is the options zustand's `persist` needs to read
// them safely:
//   version   the format's version (1: the format stored before versions were written, unchanged)
//   migrate   from an older version (0, unversioned) or a newer one: the value as it is; the schemas decide
//   merge     each field parsed with its schema: a valid one is used, an invalid one dropped to its
//             default with an app-level notice naming it (never thrown); a missing one keeps its default.
// A value that is not an object at all (a number, an array, text that is not JSON) drops every field.
import * as v from 'valibot';
import type { PersistOptions, PersistStorage, StorageValue } from 'zustand/middleware';
import { CHUNKER_KINDS, DEFAULT_CHUNKER_SETTINGS, readChunkerSettings, type ChunkerKind, type ChunkerSettings } from '@openbook/core/chunkers/settings';
import { message } from '../../i18n/message';
import { addNotice } from './noticesStore';

/** The version every settings store writes now; 0 (none) was the format before, read the same way. */
export const SETTINGS_VERSION = 1;

export type FieldSchemas<T> = { [K in keyof T]?: v.GenericSchema<unknown, T[K]> };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The fields of a persisted value that pass their schemas; those that fail are left out with a notice
 * (`store.field`). Keys are read as own properties only.
 */
export function parsePersisted<T>(store: string, fields: FieldSchemas<T>, persisted: unknown): Partial<T> {
  const out: Partial<T> = {};
  if (persisted === undefined || persisted === null) return out;
  if (!isRecord(persisted)) {
    addNotice(message('notices.settingsUnreadable', { store }));
    return out;
  }
  for (const key of Object.keys(fields) as (keyof T & string)[]) {
    if (!Object.hasOwn(persisted, key) || persisted[key] === undefined) continue;
    const schema = fields[key]!;
    const parsed = v.safeParse(schema, persisted[key]);
    if (parsed.success) out[key] = parsed.output;
    else addNotice(message('notices.settingDropped', { setting: `${store}.${key}` }));
  }
  return out;
}

/**
 * The `version`, `migrate` and `merge` options of a persisted store whose fields have these schemas.
 * `finish` adjusts the merged state (e.g. a draft that follows the settings); by default the fields that
 * passed are laid over the defaults.
 */
export function schemaPersistOptions<S, P extends Partial<S> = Partial<S>>(
  store: string,
  fields: FieldSchemas<S>,
  finish: (parsed: Partial<S>, current: S) => S = (parsed, current) => ({ ...current, ...parsed }),
): Pick<PersistOptions<S, P>, 'version' | 'migrate' | 'merge'> {
  return {
    version: SETTINGS_VERSION,
    // Version 0 (unversioned) has the same fields; a newer version's fields that this one knows are
    // read, the rest ignored. Either way merge's schemas decide what is kept.
    migrate: (persisted) => persisted as P,
    merge: (persisted, current) => finish(parsePersisted(store, fields, persisted), current),
  };
}

/**
 * localStorage as zustand's JSON storage, except that a value that is not JSON is reported (and the
 * defaults used) rather than thrown, and a storage that cannot be reached (privacy settings) is none.
 */
export function safeJSONStorage<S>(getStorage: () => Storage = () => localStorage, onSetError?: (err: unknown) => void): PersistStorage<S> {
  const storage = (): Storage | null => {
    try {
      return getStorage();
    } catch {
      return null;
    }
  };
  return {
    getItem: (name) => {
      const text = storage()?.getItem(name) ?? null;
      if (text === null) return null;
      try {
        return JSON.parse(text) as StorageValue<S>;
      } catch {
        addNotice(message('notices.settingsUnreadable', { store: name }));
        return null;
      }
    },
    setItem: (name, value) => {
      try {
        storage()?.setItem(name, JSON.stringify(value));
      } catch (err) {
        onSetError?.(err);
      }
    },
    removeItem: (name) => storage()?.removeItem(name),
  };
}

// Schemas several stores share.
export const finiteNumber = v.pipe(v.number(), v.finite());
export const integerIn = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
export const numberIn = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
/** A string of at most `max` characters (settings are short; a template may be long). */
export const stringUpTo = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Characters of a prompt template or system prompt kept across reloads. */
export const MAX_TEMPLATE_LENGTH = 1_000_000;
/** Chunker settings, also those saved before there were several chunkers ({ chunkSize, overlap }: recursive). */
export const chunkerSettingsSchema: v.GenericSchema<unknown, ChunkerSettings> = v.pipe(
  v.custom<unknown>((x) => readChunkerSettings(x) !== null),
  v.transform((x) => readChunkerSettings(x)!),
);
/**
 * Chunker settings as an editor keeps them, possibly invalid (shown with their message): a known chunker
 * and number fields, an emptied one saved as null (NaN in JSON) and read back as NaN (the semantic
 * chunker's threshold is a word: 'percentile' or 'stddev').
 */
export const chunkerDraftSchema: v.GenericSchema<unknown, ChunkerSettings> = v.pipe(
  v.custom<unknown>(
    (x) =>
      isRecord(x) &&
      (CHUNKER_KINDS as readonly unknown[]).includes(x.kind) &&
      Object.keys(DEFAULT_CHUNKER_SETTINGS[x.kind as ChunkerKind]).every(
        (k) => k === 'kind' || (k === 'threshold' ? x[k] === 'percentile' || x[k] === 'stddev' : x[k] === null || typeof x[k] === 'number'),
      ),
  ),
  v.transform((x) => {
    const draft = x as Record<string, unknown>;
    const fields = Object.keys(DEFAULT_CHUNKER_SETTINGS[draft.kind as ChunkerKind]);
    return Object.fromEntries(fields.map((k) => [k, draft[k] ?? Number.NaN])) as unknown as ChunkerSettings;
  }),
);
