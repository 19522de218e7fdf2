// The Node project of a production export (node/ in the zip): templates/node (its entry, package.json and
// README) and the app's own source files it runs (src/core, the BM25 engine and the cross-encoder reranker),
// copied under node/openbook/.
// The sources are read lazily (Vite's raw imports): nothing of this is loaded before an export.
// (Globs from the project root, so that they do not depend on where this file lives.)
const templates = import.meta.glob(['/templates/node/*', '!/templates/node/*.test.ts'], { query: '?raw', import: 'default' });
const sources = import.meta.glob(
  [
    '/src/core/**/*.ts',
    '!/src/core/**/*.test.ts',
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

/** The files of node/, by path in the zip. */
export async function nodeProjectFiles(): Promise<Array<{ path: string; text: string }>> {
  const files: Array<{ path: string; text: string }> = [];
  for (const [path, load] of Object.entries(templates)) {
    const name = path.slice('/templates/node/'.length);
    let text = (await load()) as string;
    // The one line that differs between the repository and an export: where the app's sources are.
    if (name === 'openbook.ts') text = text.replaceAll("'../../src/", "'./openbook/").replace("OPENBOOK_SRC = '../../src/'", "OPENBOOK_SRC = './openbook/'");
    files.push({ path: `node/${name}`, text });
  }
  for (const [path, load] of Object.entries(sources)) files.push({ path: `node/openbook/${path.slice('/src/'.length)}`, text: (await load()) as string });
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
