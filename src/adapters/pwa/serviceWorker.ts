/// <reference types="vite-plugin-pwa/client" />
// Registers the service worker that vite-plugin-pwa generates (see vite.config.ts): it precaches the app
// (shell, workers, ONNX Runtime's and Voy's wasm) so that the site loads with no network after one visit.
import { registerSW } from 'virtual:pwa-register';

export interface ServiceWorkerEvents {
  /** Everything is cached: the app now works offline. */
  onOfflineReady(): void;
  /** A new version was downloaded; the returned function activates it and reloads the page. */
  onUpdateReady(update: () => Promise<void>): void;
  onError(error: unknown): void;
}

/** Start the service worker (production builds only: the dev server has none). */
export function startServiceWorker(events: ServiceWorkerEvents): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    immediate: true,
    onOfflineReady: events.onOfflineReady,
    onNeedRefresh: () => events.onUpdateReady(() => updateSW(true)),
    onRegisterError: events.onError,
  });
}

/**
 * Fetch the site's models/models.json again once the service worker controls the page, so that its
 * runtime cache holds it for offline use (the first visit fetched it before the worker was there).
 */
export async function warmSiteFiles(basePath: string): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  if (!navigator.serviceWorker.controller) {
    await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  }
  await fetch(`${basePath}models/models.json`).catch(() => undefined);
}
