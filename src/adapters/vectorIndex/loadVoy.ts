// Loads voy-search's Voy class in the browser (and in a Web Worker). The package imports its .wasm as an
// ES module, which vite-plugin-wasm handles (also for workers, see vite.config.ts). A dynamic import
// keeps the wasm off the worker's start-up path, and a failure to load becomes a rejected promise that
// VoyIndex turns into the exact fallback instead of a worker that never starts.
// Node (Vitest, scripts) cannot import the package directly: use loadVoyNode.ts there.
import type { VoyConstructor } from './voyIndex';

let voyPromise: Promise<VoyConstructor> | null = null;

export function loadVoy(): Promise<VoyConstructor> {
  voyPromise ??= import('voy-search').then((m) => m.Voy as unknown as VoyConstructor);
  return voyPromise;
}
