// Opening a workspace that the site publishes, from the page address (?workspace=demo/workspace.zip):
// once the saved workspace is back, the file is fetched and imported (checked first, nothing embedded).
// Where this browser already holds a workspace, the user is asked first: an import replaces it.
import { create } from 'zustand';
import { publishedWorkspaceLink, withoutWorkspaceParam } from '@openbook/core/publishedWorkspace';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { useDocumentsStore } from '../documents/documentsStore';
import { importWorkspaceFile } from './transferStore';

interface PublishedState {
  /** A linked workspace waiting for the user's answer (this browser already holds a workspace). */
  pending: { url: string; name: string } | null;
  opening: string | null;
  outcome: { level: 'info' | 'error'; message: Message; reason?: Message } | null;
}

export const usePublishedStore = create<PublishedState>()(() => ({ pending: null, opening: null, outcome: null }));
const set = usePublishedStore.setState;

/** Forget the ?workspace= parameter, so that a reload keeps the workspace as it now is. */
function dropParam() {
  history.replaceState(history.state, '', withoutWorkspaceParam(location.href));
}

let looked = false;

/** Look at the page address, once per page; call once the saved workspace is restored. */
export async function openLinkedWorkspace(): Promise<void> {
  if (looked) return;
  looked = true;
  const link = publishedWorkspaceLink(location.href);
  if (!link) return;
  if (!link.ok) {
    dropParam();
    set({ outcome: { level: 'error', message: message(`published.errors.${link.reason}`) } });
    return;
  }
  if (useDocumentsStore.getState().documents.length > 0) {
    set({ pending: { url: link.url, name: link.name } });
    return;
  }
  await openPublishedWorkspace(link.url, link.name);
}

/** The user declined: keep the current workspace. */
export function keepCurrentWorkspace(): void {
  dropParam();
  set({ pending: null });
}

export async function openPublishedWorkspace(url: string, name: string): Promise<void> {
  set({ pending: null, opening: name, outcome: null });
  const fail = (reason: Message) => set({ outcome: { level: 'error', message: message('published.failed', { name }), reason } });
  try {
    let bytes: Uint8Array;
    try {
      const response = await fetch(url);
      if (!response.ok) {
        fail(message('published.errors.http', { status: response.status }));
        return;
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      fail(message('published.errors.network', { detail: describeError(err) }));
      return;
    }
    const result = await importWorkspaceFile(bytes, name);
    if (!result.ok) {
      fail(result.error);
      return;
    }
    dropParam();
    set({
      outcome: { level: 'info', message: message('published.opened', { name, documents: result.documents, chunks: result.chunks, model: result.modelId }) },
    });
  } finally {
    set({ opening: null });
  }
}
