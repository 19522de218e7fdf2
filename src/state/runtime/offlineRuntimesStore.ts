// The large runtimes kept for offline use (src/adapters/pwa/runtimeCache.ts): how many of their bytes this
// browser keeps, and "Make everything available offline", which fetches the rest at once with progress.
import { create } from 'zustand';
import {
  RuntimeDownloadCancelled,
  dropStaleRuntimes,
  keepAllRuntimes as keepAll,
  keptBytes,
  readRuntimeList,
  type RuntimeFile,
} from '../../adapters/pwa/runtimeCache';
import { message, type Message } from '../../i18n/message';

interface OfflineRuntimesState {
  /** The build's runtimes; null where there are none to keep (the dev server, no service worker or Cache API). */
  files: RuntimeFile[] | null;
  kept: number;
  total: number;
  downloading: boolean;
  error: Message | null;
}

export const useOfflineRuntimesStore = create<OfflineRuntimesState>()(() => ({ files: null, kept: 0, total: 0, downloading: false, error: null }));

let controller: AbortController | null = null;
const base = () => import.meta.env.BASE_URL;

/** Read the build's list and what is kept (dropping what an update left behind). Quietly nothing where unsupported. */
export async function refreshOfflineRuntimes(): Promise<void> {
  if (import.meta.env.DEV || typeof caches === 'undefined' || !('serviceWorker' in navigator)) return;
  const files = await readRuntimeList(base());
  if (!files || files.length === 0) return;
  await dropStaleRuntimes(base(), files).catch(() => 0);
  const kept = await keptBytes(base(), files);
  if (!useOfflineRuntimesStore.getState().downloading) useOfflineRuntimesStore.setState({ files, kept, total: files.reduce((s, f) => s + f.bytes, 0) });
}

/** Fetch every runtime not kept yet; progress in `kept`; cancellable with cancelOfflineRuntimes(). */
export async function keepAllOfflineRuntimes(): Promise<void> {
  const { files, downloading } = useOfflineRuntimesStore.getState();
  if (!files || downloading) return;
  controller = new AbortController();
  useOfflineRuntimesStore.setState({ downloading: true, error: null });
  try {
    await keepAll(base(), files, ({ loaded, total }) => useOfflineRuntimesStore.setState({ kept: loaded, total }), controller.signal);
  } catch (error) {
    if (!(error instanceof RuntimeDownloadCancelled)) {
      useOfflineRuntimesStore.setState({ error: message('offlineRuntimes.failed', { detail: error instanceof Error ? error.message : String(error) }) });
    }
  } finally {
    controller = null;
    useOfflineRuntimesStore.setState({ downloading: false });
    await refreshOfflineRuntimes().catch(() => undefined);
  }
}

export function cancelOfflineRuntimes(): void {
  controller?.abort();
}
