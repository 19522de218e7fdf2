// Where stores persist their settings: localStorage (looked up when used, so tests can provide one), read
// back safely (a value that is not JSON is reported, not thrown: see persistedSchema.ts, where each store's
// fields are parsed with schemas).
import type { PersistStorage } from 'zustand/middleware';
import { safeJSONStorage } from './persistedSchema';

export const settingsStorage: PersistStorage<unknown> = safeJSONStorage<unknown>();
