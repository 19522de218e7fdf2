// The large runtimes of the built site: ONNX Runtime's wasm, the transformers.js workers, WebLLM's worker,
// the PDF reader, Voy and umap-js. The service worker does not precache them (a first visit downloads only
// the app shell); it caches each one the first time it is used, and "Make everything available offline"
// fetches them all on request, from the list this plugin writes into the build: offline-runtimes.json,
// { files: [{ url, bytes }] } with urls relative to the site's base.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const RUNTIMES_FILE = 'offline-runtimes.json';

/** How the build names the runtimes' files in assets/ (Vite: `<name>-<hash>.<ext>`). */
const RUNTIME_PREFIXES = [
  'ort-wasm-', // ONNX Runtime's wasm (~27 MB) and its loader
  'embedder.worker-',
  'reranker.worker-',
  'transformersChat.worker-',
  'tokenizer-', // transformers.js, shared by its workers (not tokenizer.worker-, the keyword tokeniser)
  'generator.worker-', // WebLLM (~6 MB)
  'pdf-',
  'pdf.worker-',
  'voy_search', // Voy's wasm and glue
  'voyIndex-',
  'projection.worker-', // umap-js
];

/** Whether a file of the build (a path relative to its folder, e.g. assets/x.js) is one of the large runtimes. */
export function isRuntimeFile(file: string): boolean {
  if (!file.startsWith('assets/')) return false;
  const name = file.slice('assets/'.length);
  return name.endsWith('.bcmap') || RUNTIME_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Workbox globIgnores for the same files. */
export const RUNTIME_GLOBS = [...RUNTIME_PREFIXES.map((prefix) => `assets/${prefix}*`), 'assets/*.bcmap'];

/** Writes offline-runtimes.json into the build once its files are written. */
export function offlineRuntimes(): Plugin {
  return {
    name: 'openbook-offline-runtimes',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir;
      if (!dir) return;
      const assets = readdirSync(join(dir, 'assets'))
        .map((name) => `assets/${name}`)
        .filter((file) => isRuntimeFile(file) && !file.endsWith('.map'))
        .sort();
      const files = assets.map((url) => ({ url, bytes: statSync(join(dir, url)).size }));
      writeFileSync(join(dir, RUNTIMES_FILE), `${JSON.stringify({ files })}\n`);
    },
  };
}
