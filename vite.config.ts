import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import wasm from 'vite-plugin-wasm';
import { VitePWA } from 'vite-plugin-pwa';
import { thirdPartyLicenses } from './scripts/third-party-licenses';
import { RUNTIMES_FILE, RUNTIME_GLOBS, offlineRuntimes } from './scripts/offline-runtimes';

// BASE_PATH lets the static site live under a sub-path (e.g. BASE_PATH=/openbook/ npm run build).
const base = process.env.BASE_PATH ?? '/';

// dist/third-party-licenses.txt: the licences of the packages bundled into the page and its workers.
// The service worker that vite-plugin-pwa has Workbox generate bundles these Workbox runtime packages.
const licenses = thirdPartyLicenses(['workbox-cacheable-response', 'workbox-core', 'workbox-precaching', 'workbox-routing', 'workbox-strategies']);

/**
 * The dev server's hot reload (React Refresh) needs an inline script, which the Content-Security-Policy of
 * index.html refuses: in `vite` (serve) only, that meta is left out. The build keeps it.
 */
/**
 * Cross-origin isolation (SharedArrayBuffer: ONNX Runtime's WASM on several threads). COEP `credentialless`
 * keeps cross-origin downloads working (model hosts answer with CORS; no cookies are sent). Sent by the dev
 * and preview servers (and so the e2e server); public/_headers for hosts that read it; for hosts that cannot
 * send headers, the service worker adds them (public/sw-isolation.js).
 */
const isolationHeaders = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'credentialless' };

const cspOnlyInBuild: Plugin = {
  name: 'openbook-csp-only-in-build',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

export default defineConfig({
  base,
  // 'mpa' makes a missing file a real 404 instead of index.html: transformers.js would otherwise
  // parse HTML as a model file (and could cache it).
  appType: 'mpa',
  plugins: [
    cspOnlyInBuild,
    licenses.write,
    react(),
    wasm(),
    offlineRuntimes(),
    // The app is a PWA. A first visit precaches the app shell only (about 0.5 MB gzip); the large runtimes
    // (ONNX Runtime's wasm, transformers.js, WebLLM, the PDF reader, Voy, umap-js: scripts/offline-runtimes.ts)
    // are cached the first time they are used, or all at once on request ("Make everything available
    // offline", from offline-runtimes.json). After that the site loads with no network. The models a site
    // serves itself (models/) are cached the first time they are used; models from the hub go to
    // transformers.js' and WebLLM's own caches.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // src/adapters/pwa/serviceWorker.ts registers it and reports updates
      manifest: {
        name: 'Openbook: RAG in your browser',
        short_name: 'Openbook',
        description: 'Retrieval-augmented generation, step by step, entirely in your browser.',
        theme_color: '#2457c5',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Adds COOP/COEP to the pages and worker scripts it serves, for static hosts that cannot send them.
        importScripts: ['sw-isolation.js'],
        globPatterns: ['**/*.{js,mjs,css,html,wasm,svg,png,webmanifest}', RUNTIMES_FILE],
        // A site's own model folder is cached when used, not on install (it can be gigabytes); so are the
        // large runtimes.
        globIgnores: ['models/**', ...RUNTIME_GLOBS],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        clientsClaim: true,
        navigateFallbackDenylist: [/\/models\//],
        runtimeCaching: [
          {
            // The large runtimes (and any other file of the build that is not precached): kept the first time
            // they are used. Their names carry a content hash, so a kept copy is never stale; the page
            // removes the copies an update left behind (src/adapters/pwa/runtimeCache.ts) and can fetch them
            // all at once into this same cache.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/assets/'),
            handler: 'CacheFirst',
            // ignoreVary: a server's `Vary: Origin` would otherwise keep a module script's request (which
            // carries an Origin header) from matching the copy the page stored on request.
            options: { cacheName: 'openbook-runtimes', cacheableResponse: { statuses: [200] }, matchOptions: { ignoreVary: true } },
          },
          {
            // models/models.json and each models/<id>/config.json (which the app fetches to see whether the
            // site serves a model): fresh when online, from this cache when offline. The model files
            // themselves are kept by transformers.js in its own cache ('transformers-cache').
            urlPattern: ({ url, sameOrigin }) =>
              sameOrigin && url.pathname.includes('/models/') && (url.pathname.endsWith('/models.json') || url.pathname.endsWith('/config.json')),
            handler: 'NetworkFirst',
            options: { cacheName: 'openbook-site-models', cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [wasm(), licenses.collect()] },
  optimizeDeps: { exclude: ['voy-search', '@huggingface/transformers', 'onnxruntime-web'] },
  build: { target: 'esnext', chunkSizeWarningLimit: 8000 },
  server: { port: 5173, headers: isolationHeaders },
  preview: { port: 4173, headers: isolationHeaders },
});
