// Loads voy-search's Voy class in Node (Vitest, tsx scripts), where `import 'voy-search'` fails: the
// package has only a "module" field (Vite's SSR resolver finds no entry) and its voy_search.js imports
// the .wasm file as an ES module, which Node cannot do. So: import the wasm-bindgen glue
// (voy_search_bg.js), instantiate voy_search_bg.wasm ourselves with the glue as its import object, and
// hand the instance to the glue with __wbg_set_wasm, which is exactly what voy_search.js does.
//
// `fresh: true` gives a separate wasm instance (own memory, own glue module): a Rust panic poisons the
// instance it happened in, so tests that provoke one should not share it.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { VoyConstructor } from './voyIndex';

interface VoyGlue {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  Voy: unknown;
}

let shared: Promise<VoyConstructor> | null = null;
let instances = 0;

async function instantiate(fresh: boolean): Promise<VoyConstructor> {
  const require = createRequire(import.meta.url);
  const glueUrl = pathToFileURL(require.resolve('voy-search/voy_search_bg.js')).href;
  const wasmPath = require.resolve('voy-search/voy_search_bg.wasm');
  const glue = (await import(/* @vite-ignore */ fresh ? `${glueUrl}?instance=${++instances}` : glueUrl)) as VoyGlue;
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    './voy_search_bg.js': glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  return glue.Voy as VoyConstructor;
}

export function loadVoyNode(options: { fresh?: boolean } = {}): Promise<VoyConstructor> {
  if (options.fresh) return instantiate(true);
  shared ??= instantiate(false);
  return shared;
}
