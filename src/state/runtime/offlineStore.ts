// Working offline: whether the app itself is cached (the service worker), whether a new version waits to be
// activated, and the large runtimes kept for offline use (src/adapters/pwa/runtimeCache.ts): how many of their
// bytes this browser keeps, and "Make everything available offline", which fetches the rest at once with progress.
import { create } from 'zustand';
import { startServiceWorker, warmSiteFiles } from '../../adapters/pwa/serviceWorker';
import {
  RuntimeDownloadCancelled,
  dropStaleRuntimes,
  keepAllRuntimes as keepAll,
  keptBytes,
  readRuntimeList,
  type RuntimeFile,
} from '../../adapters/pwa/runtimeCache';
import { message, type Message } from '../../i18n/message';

export interface OfflineRuntimes {
  /** The build's runtimes; null where there are none to keep (the dev server, no service worker or Cache API). */
  files: RuntimeFile[] | null;
  kept: number;
  total: number;
  downloading: boolean;
  error: Message | null;
}

interface OfflineState {
  /** The service worker has cached the app: it now loads with no network. */
  offlineReady: boolean;
  /** A new version is downloaded; calling it reloads the page with that version. */
  update: (() => Promise<void>) | null;
  /** The large runtimes (ONNX Runtime, transformers.js, WebLLM, the PDF reader) kept for offline use. */
  runtimes: OfflineRuntimes;
  dismiss(): void;
  dismissRuntimesError(): void;
}

export const useOfflineStore = create<OfflineState>()((set) => ({
  offlineReady: false,
  update: null,
  runtimes: { files: null, kept: 0, total: 0, downloading: false, error: null },
  dismiss: () => set({ offlineReady: false, update: null }),
  dismissRuntimesError: () => set((s) => ({ runtimes: { ...s.runtimes, error: null } })),
}));

const setRuntimes = (change: Partial<OfflineRuntimes>) => useOfflineStore.setState((s) => ({ runtimes: { ...s.runtimes, ...change } }));

let started = false;

/** Register the service worker once and follow its news. */
export function startOfflineSupport(): void {
  if (started) return;
  started = true;
  startServiceWorker({
    onOfflineReady: () => {
      useOfflineStore.setState({ offlineReady: true });
      void warmSiteFiles(import.meta.env.BASE_URL);
      void refreshOfflineRuntimes().catch(() => undefined);
    },
    onUpdateReady: (update) => useOfflineStore.setState({ update }),
    // Without a service worker the app still works online; nothing the user can do about it.
    onError: (error) => console.warn('Service worker registration failed', error),
  });
  // Which large runtimes this browser keeps for offline use (and the copies an update left behind, dropped).
  void refreshOfflineRuntimes().catch(() => undefined);
}

let controller: AbortController | null = null;
const base = () => import.meta.env.BASE_URL;

/** Read the build's list and what is kept (dropping what an update left behind). Quietly nothing where unsupported. */
export async function refreshOfflineRuntimes(): Promise<void> {
  if (import.meta.env.DEV || typeof caches === 'undefined' || !('serviceWorker' in navigator)) return;
  const files = await readRuntimeList(base());
  if (!files || files.length === 0) return;
  await dropStaleRuntimes(base(), files).catch(() => 0);
  const kept = await keptBytes(base(), files);
  if (!useOfflineStore.getState().runtimes.downloading) setRuntimes({ files, kept, total: files.reduce((s, f) => s + f.bytes, 0) });
}

/** Fetch every runtime not kept yet; progress in `kept`; cancellable with cancelOfflineRuntimes(). */
export async function keepAllOfflineRuntimes(): Promise<void> {
  const { files, downloading } = useOfflineStore.getState().runtimes;
  if (!files || downloading) return;
  controller = new AbortController();
  setRuntimes({ downloading: true, error: null });
  try {
    await keepAll(base(), files, ({ loaded, total }) => setRuntimes({ kept: loaded, total }), controller.signal);
  } catch (error) {
    if (!(error instanceof RuntimeDownloadCancelled)) {
      setRuntimes({ error: message('offlineRuntimes.failed', { detail: error instanceof Error ? error.message : String(error) }) });
    }
  } finally {
    controller = null;
    setRuntimes({ downloading: false });
    await refreshOfflineRuntimes().catch(() => undefined);
  }
}

export function cancelOfflineRuntimes(): void {
  controller?.abort();
}
