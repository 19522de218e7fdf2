// The Node project of a production export (node/ in the zip): templates/node (its entry, package.json and
// README), the app's own core package (packages/core, @openbook/core) copied under node/openbook/core/, and
// the app's BM25 engine and cross-encoder reranker copied under node/openbook/adapters/. The project depends
// on the copied package by path ("@openbook/core": "file:./openbook/core"), so it imports the core exactly as
// the app does; the core's own dependencies are pinned in the project's package.json.
// The sources are read lazily (Vite's raw imports): nothing of this is loaded before an export.
// (Globs from the project root, so that they do not depend on where this file lives.)
const templates = import.meta.glob(['/templates/node/*', '!/templates/node/*.test.ts'], { query: '?raw', import: 'default' });
const corePackage = import.meta.glob(
  ['/packages/core/package.json', '/packages/core/src/**/*.ts', '!/packages/core/src/**/*.test.ts', '!/packages/core/src/testing/**'],
  {
    query: '?raw',
    import: 'default',
  },
);
const adapters = import.meta.glob(
  [
    '/src/adapters/keywordIndex/bm25Index.ts',
    '/src/adapters/keywordIndex/keywordIndex.ts',
    '/src/adapters/reranker/transformersReranker.ts',
    '/src/adapters/reranker/reranker.ts',
    '/src/adapters/transformers/*.ts',
    '!/src/adapters/transformers/*.test.ts',
    // Browser only (Vite asset URLs for the ONNX Runtime wasm).
    '!/src/adapters/transformers/ortWasmFromOwnOrigin.ts',
  ],
  { query: '?raw', import: 'default' },
);

/**
 * The core's package.json as the export ships it: the same name and exports, no dependencies of its own (the
 * project's package.json pins them, and Node finds them walking up from node/openbook/core).
 */
function exportedCorePackageJson(text: string): string {
  const { name, version, description, license, type, exports } = JSON.parse(text) as Record<string, unknown>;
  return `${JSON.stringify({ name, version, private: true, description, license, type, exports }, null, 2)}\n`;
}

/** The files of node/, by path in the zip. */
export async function nodeProjectFiles(): Promise<Array<{ path: string; text: string }>> {
  const files: Array<{ path: string; text: string }> = [];
  for (const [path, load] of Object.entries(templates)) {
    const name = path.slice('/templates/node/'.length);
    let text = (await load()) as string;
    // The one line that differs between the repository and an export: where the app's adapters are.
    if (name === 'openbook.ts')
      text = text.replaceAll("'../../src/adapters/", "'./openbook/adapters/").replace("ADAPTERS = '../../src/adapters/'", "ADAPTERS = './openbook/adapters/'");
    files.push({ path: `node/${name}`, text });
  }
  for (const [path, load] of Object.entries(corePackage)) {
    const name = path.slice('/packages/core/'.length);
    const text = (await load()) as string;
    files.push({ path: `node/openbook/core/${name}`, text: name === 'package.json' ? exportedCorePackageJson(text) : text });
  }
  for (const [path, load] of Object.entries(adapters)) files.push({ path: `node/openbook/${path.slice('/src/'.length)}`, text: (await load()) as string });
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
