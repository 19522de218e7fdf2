// Whether the app is ready to work offline, and whether a new version waits to be activated.
import { create } from 'zustand';
import { startServiceWorker, warmSiteFiles } from '../../adapters/pwa/serviceWorker';
import { refreshOfflineRuntimes } from './offlineRuntimesStore';

interface OfflineState {
  /** The service worker has cached the app: it now loads with no network. */
  offlineReady: boolean;
  /** A new version is downloaded; calling it reloads the page with that version. */
  update: (() => Promise<void>) | null;
  dismiss(): void;
}

export const useOfflineStore = create<OfflineState>()((set) => ({
  offlineReady: false,
  update: null,
  dismiss: () => set({ offlineReady: false, update: null }),
}));

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
