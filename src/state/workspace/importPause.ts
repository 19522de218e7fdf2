// A test hook: an import awaits window.__openbookImportPause(point) between its steps when a test has set
// that global (e2e/atomic-import.spec.ts sets it with page.addInitScript, to reload the page mid-import).
// In normal use the global is not there and this does nothing.

/** Where an import is when it pauses (see workspaceReplace.ts for the steps). */
export type ImportPausePoint =
  /** The file is checked; nothing of it is written yet. */
  | 'saving'
  /** A batch of its documents is written beside the current workspace (once per batch). */
  | 'documents'
  /** Its index is written too; the current workspace is still the live one. */
  | 'index'
  /** The new workspace is the live one in storage; the page still shows the old one. */
  | 'switched';

type PauseHook = (point: ImportPausePoint) => Promise<void> | void;

export async function importPause(point: ImportPausePoint): Promise<void> {
  const hook = (globalThis as { __openbookImportPause?: PauseHook }).__openbookImportPause;
  if (typeof hook === 'function') await hook(point);
}
