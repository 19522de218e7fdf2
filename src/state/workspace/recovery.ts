// What the error boundaries offer when part of the page failed (clearing the workspace is left to
// src/ui/ClearWorkspaceDialog.tsx, which asks first): reset the settings (the stores'
// saved values in localStorage, all named 'openbook.…'), and export what can still be read: the workspace
// file when there is an index, else the documents' texts as JSON (from the documents in memory or,
// failing that, from the browser's storage).
import type { SourceDocument } from '@openbook/core/types';
import { workspaceFileName } from '@openbook/core/workspaceFile';
import { useDocumentsStore } from '../documents/documentsStore';
import { exportCurrentWorkspace } from './transferStore';
import { workspaceStorage } from './workspaceStore';

/** Every key the app keeps in localStorage starts with this (the zustand persist names). */
export const SETTINGS_PREFIX = 'openbook.';

/** The app's keys in `storage`. */
export function settingsKeys(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(SETTINGS_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Remove the app's saved settings; the defaults apply from the next page load. Returns how many went. */
export function resetSettings(storage: Storage = localStorage): number {
  const keys = settingsKeys(storage);
  for (const key of keys) storage.removeItem(key);
  return keys.length;
}

/** The documents' texts, in a form anyone can read back. */
export function documentTextsJson(documents: readonly Pick<SourceDocument, 'name' | 'kind' | 'text'>[], now: Date): string {
  return JSON.stringify({ exportedAt: now.toISOString(), documents: documents.map((d) => ({ name: d.name, kind: d.kind, text: d.text })) }, null, 2);
}

async function readableDocuments(): Promise<SourceDocument[]> {
  try {
    const inMemory = useDocumentsStore.getState().documents;
    if (Array.isArray(inMemory) && inMemory.length > 0) return inMemory;
  } catch {
    /* the store itself may be what failed: try the stored copy */
  }
  try {
    return (await workspaceStorage()?.load())?.documents ?? [];
  } catch {
    return [];
  }
}

export type ReadableExport = 'workspace' | 'texts' | 'nothing';

/** Offers a file to the user (the UI passes its download helper; state touches no DOM). */
export type SaveFile = (file: Blob, name: string) => void;

/** Save the workspace file, or, if it cannot be made, the documents' texts. */
export async function exportReadable(save: SaveFile, now: Date = new Date()): Promise<ReadableExport> {
  try {
    const name = workspaceFileName(now);
    const result = await exportCurrentWorkspace(name, now);
    if (result?.ok) {
      save(result.blob, name);
      return 'workspace';
    }
  } catch {
    /* fall back to the texts */
  }
  const documents = await readableDocuments();
  if (documents.length === 0) return 'nothing';
  save(new Blob([documentTextsJson(documents, now)], { type: 'application/json' }), `openbook-documents-${now.toISOString().slice(0, 10)}.json`);
  return 'texts';
}
