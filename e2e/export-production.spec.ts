// Export for production: before there is an index it says what is missing; from the sample corpus it
// downloads one zip with the pipeline file, chunks.parquet, pgvector.sql and the Node project, whose contents
// are checked here. Open pipeline file applies a good file, and refuses one of another version or with an
// unknown model with a specific message, changing nothing.
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { test, expect } from './fixtures';
import { embed, openApp } from './steps';
import { workspaceFileOf } from './workspaceFileBuilder';

test('Export for production: what is missing first, then one zip with the pipeline, Parquet, SQL and the Node project', async ({ page }, testInfo) => {
  await openApp(page);
  const exportButton = page.getByRole('button', { name: 'Export for production', exact: true });
  const outcome = page.getByTestId('production-export-outcome');
  await exportButton.click();
  await expect(outcome).toHaveText('Nothing to export yet: add documents (step 1), then embed and index them (step 3).');

  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await exportButton.click();
  await expect(outcome).toHaveText('Nothing to export yet: the chunks have no vectors. Press “Embed and index” (step 3) first.');

  await embed(page);
  await page
    .getByRole('radiogroup', { name: 'Search mode' })
    .getByRole('radio', { name: /Hybrid/ })
    .check();
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^openbook-production-\d{4}-\d{2}-\d{2}\.zip$/);
  const path = testInfo.outputPath('production.zip');
  await download.saveAs(path);
  await expect(outcome).toHaveText(/^Exported \d+ chunks: chunks\.parquet .+, pgvector\.sql .+, zip .+\.$/);

  const files = unzipSync(new Uint8Array(await readFile(path)));
  const names = Object.keys(files);
  expect(names).toEqual(
    expect.arrayContaining([
      'openbook.pipeline.json',
      'chunks.parquet',
      'pgvector.sql',
      'node/main.ts',
      'node/package.json',
      'node/README.md',
      'node/openbook.ts',
    ]),
  );
  expect(names.some((n) => n.startsWith('node/openbook/core/src/'))).toBe(true);
  expect(names).toContain('node/openbook/core/package.json');

  const pipeline = JSON.parse(strFromU8(files['openbook.pipeline.json']!));
  expect(pipeline).toMatchObject({
    format: 'openbook.pipeline',
    version: 1,
    chunker: { kind: 'recursive', chunkSize: 500, overlap: 50, tokenizer: null },
    embedding: { modelId: 'openbook/tiny-embedder', dtype: 'auto', device: 'wasm', dimension: 64, normalize: true },
    index: { metric: 'cosine' },
    keyword: { algorithm: 'bm25+' },
    retrieval: { mode: 'hybrid', fusion: { method: 'rrf', rrfK: 60 } },
  });
  // The retrieval techniques as the app runs them by default: stop words and stemming, keyword headers, no parents.
  expect(pipeline.keyword).toMatchObject({ stopWords: [], stopWordLists: ['stopword/eng', 'stopword/zho'], stemming: 'porter', contextualHeaders: true });
  expect(pipeline.embedding.contextualHeaders).toBe(false);
  expect(pipeline.retrieval).toMatchObject({ parentChild: null, queryTransform: null });
  // The Node project can run them: the keyword index's packages are in its package.json.
  expect(Object.keys(JSON.parse(strFromU8(files['node/package.json']!)).dependencies)).toEqual(expect.arrayContaining(['stopword', 'stemmer']));

  const parquet = files['chunks.parquet']!.slice().buffer;
  const kv = Object.fromEntries((parquetMetadata(parquet).key_value_metadata ?? []).map((e) => [e.key, e.value]));
  expect(kv).toMatchObject({ 'openbook.model_id': 'openbook/tiny-embedder', 'openbook.dimension': '64' });
  const rows = await parquetReadObjects({ file: parquet });
  const exported = Number((await outcome.textContent())!.match(/Exported (\d+)/)![1]);
  expect(rows).toHaveLength(exported);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(new Set(rows.map((r) => r.document))).toEqual(
    new Set(['what-is-rag.md', 'chunking-and-embeddings.md', 'evaluating-retrieval.md', '检索增强生成简介.md', '提示词与幻觉.txt']),
  );
  for (const r of rows) {
    expect(r.vector).toHaveLength(64);
    // Vectors are L2-normalised, and the token counts are the fixture tokenizer's (special tokens included).
    expect(Math.hypot(...(r.vector as number[]))).toBeCloseTo(1, 4);
    expect(r.token_count).toBeGreaterThan(2);
  }
  expect(rows.some((r) => r.section !== null)).toBe(true);

  const sql = strFromU8(files['pgvector.sql']!);
  expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS vector;');
  expect(sql).toContain('embedding vector(64) NOT NULL');
  expect(sql.match(/^\('/gm)).toHaveLength(rows.length);
  expect(sql).toContain('USING hnsw (embedding vector_cosine_ops)');
});

test('Open pipeline file applies one; another version or an unknown model is refused and changes nothing', async ({ page }) => {
  await openApp(page);
  const base = {
    format: 'openbook.pipeline',
    version: 1,
    createdAt: '2026-12-07T10:00:00.000Z',
    parser: { maxFileMB: 100, textDecoding: 'utf8-utf16-gb18030-big5-detected', sections: 'markdown-atx-setext-html-headings' },
    chunker: { kind: 'fixed', size: 300, overlap: 30, tokenizer: null },
    embedding: {
      modelId: 'openbook/tiny-embedder',
      revision: 'main',
      dtype: 'auto',
      device: 'wasm',
      pooling: 'mean',
      normalize: true,
      queryPrefix: '',
      passagePrefix: '',
      dimension: 64,
    },
    index: { metric: 'cosine' },
    keyword: { algorithm: 'bm25+', k1: 1.2, b: 0.7, delta: 0.5, tokenizer: 'openbook-uax29-cjk-bigrams-v1', stopWords: [] },
    retrieval: {
      mode: 'keyword',
      fusion: { method: 'rrf', rrfK: 60, vectorWeight: 0.5 },
      candidates: 20,
      topK: 7,
      mmrLambda: null,
      minScore: null,
      filter: null,
    },
    reranker: null,
    prompt: { template: 'Only this context:\n{context}\n\nQ: {question}', systemPrompt: 'Be brief.' },
    generation: { engine: 'transformers-wasm', modelId: 'openbook/tiny-chat', temperature: 0.5, topP: 0.9, maxTokens: 128 },
  };
  const input = page.getByLabel('Pipeline file (openbook.pipeline.json)');
  const outcome = page.getByTestId('pipeline-outcome');
  const open = (name: string, value: unknown) => input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });
  const topK = page.getByRole('spinbutton', { name: 'Top k' });

  await open('class.pipeline.json', base);
  await expect(outcome).toHaveText(
    'Applied the pipeline file class.pipeline.json: embedding model openbook/tiny-embedder, with its chunker, search, prompt and generation settings. Embed and index again to use it.',
  );
  await expect(topK).toHaveValue('7');
  await expect(page.getByRole('radiogroup', { name: 'Search mode' }).getByRole('radio', { name: /Keyword/ })).toBeChecked();
  // A version 1 file without the retrieval techniques' fields runs as it did before they existed: all off.
  const keywordGroup = page.getByRole('group', { name: 'Keyword search' });
  const TECHNIQUES = ['Leave out stop words', 'Stem English words', 'Contextual chunk headers'];
  for (const name of TECHNIQUES) await expect(keywordGroup.getByRole('checkbox', { name })).not.toBeChecked();
  const parentChild = page.getByRole('group', { name: 'Parent-child retrieval' }).getByRole('checkbox', { name: /Send each hit’s parent/ });
  await expect(parentChild).not.toBeChecked();

  await open('future.pipeline.json', { ...base, version: 2, retrieval: { ...base.retrieval, topK: 3 } });
  await expect(outcome).toHaveText(
    'The pipeline file future.pipeline.json was not applied, and nothing changed: it is a pipeline file of version 2; this version of Openbook reads version 1 only.',
  );
  await open('unknown.pipeline.json', {
    ...base,
    embedding: { ...base.embedding, modelId: 'acme/unknown-embedder' },
    retrieval: { ...base.retrieval, topK: 3 },
  });
  await expect(outcome).toHaveText(
    'The pipeline file unknown.pipeline.json was not applied, and nothing changed: its embedding model “acme/unknown-embedder” is not one this app can load (see step 3 for the models offered here).',
  );
  await open('bad.pipeline.json', { ...base, retrieval: { ...base.retrieval, topK: 0 } });
  await expect(outcome).toHaveText(
    'The pipeline file bad.pipeline.json was not applied, and nothing changed: its setting retrieval.topK is missing or not valid.',
  );
  await expect(topK).toHaveValue('7');

  // A file with them sets them.
  await open('techniques.pipeline.json', {
    ...base,
    keyword: { ...base.keyword, stopWordLists: ['stopword/eng', 'stopword/zho'], stemming: 'porter', contextualHeaders: true },
    retrieval: { ...base.retrieval, parentChild: { mode: 'section', window: 1 } },
  });
  await expect(outcome).toContainText('Applied the pipeline file techniques.pipeline.json');
  for (const name of TECHNIQUES) await expect(keywordGroup.getByRole('checkbox', { name })).toBeChecked();
  await expect(parentChild).toBeChecked();
});

test('a large export shows its progress and can be cancelled: nothing is downloaded, and the button is ready again', async ({ page }) => {
  await openApp(page);
  // 48,000 chunks of the fixture model (64 dimensions), imported as a workspace file (nothing to embed).
  const dimension = 64;
  const perDocument = 2_000;
  const chunkLength = 40;
  const text = 'Lava flows downhill from the volcano vent.'.slice(0, chunkLength).padEnd(chunkLength, ' ').repeat(perDocument);
  const triples = Buffer.from(`[${Array.from({ length: perDocument }, (_, j) => `[${j},${j * chunkLength},${(j + 1) * chunkLength}]`).join(',')}]`);
  const vectors = Buffer.alloc(perDocument * dimension * 4);
  for (let i = 0; i < perDocument * dimension; i++) vectors.writeFloatLE(0.125, i * 4);
  const file = workspaceFileOf(
    Array.from({ length: 24 }, (_, n) => ({ id: `big-${n}`, text, triples, vectors, chunkCount: perDocument })),
    dimension,
    new Date(),
  );
  await page.getByLabel('Workspace file to import').setInputFiles({ name: 'big.zip', mimeType: 'application/zip', buffer: file });
  await expect(page.getByTestId('import-outcome')).toHaveText(/^Imported big\.zip: 24 documents and 48000 chunks/, { timeout: 120_000 });

  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const exportButton = page.getByRole('button', { name: 'Export for production', exact: true });
  await exportButton.click();
  await expect(page.getByRole('progressbar', { name: 'Export for production' })).toBeVisible();
  await expect(exportButton).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByTestId('production-export-outcome')).toHaveText('The export was cancelled; nothing was downloaded.');
  await expect(page.getByRole('progressbar', { name: 'Export for production' })).toHaveCount(0);
  await expect(exportButton).toBeEnabled();
  expect(downloads).toEqual([]);
});

test("beside the best configuration of an evaluation: Export for production with that configuration's search", async ({ page }, testInfo) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Load sample corpus' }).click();
  await embed(page);
  // The app's own search is hybrid: the export must take the best configuration's mode instead.
  await page
    .getByRole('radiogroup', { name: 'Search mode' })
    .getByRole('radio', { name: /Hybrid/ })
    .check();
  const step = page.getByRole('region', { name: 'Evaluate retrieval' });
  await step.getByRole('button', { name: 'Use the sample question set' }).click();
  // Keep the index as it is (vector search) and keyword search: both use the index's model and chunks.
  await step.getByRole('button', { name: 'Remove configuration 4' }).click();
  await step.getByRole('button', { name: 'Remove configuration 3' }).click();
  await expect(step.getByRole('listitem', { name: /^Configuration \d+$/ })).toHaveCount(2);
  await step.getByRole('button', { name: 'Run evaluation' }).click();
  const table = step.getByRole('table', { name: 'Hit rate@k and MRR per configuration' });
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 90_000 });
  const metric = async (n: number, name: string) => Number(await table.getByRole('row').nth(n).locator(`td[data-metric="${name}"]`).getAttribute('data-value'));
  const [mrr1, mrr2, hit1, hit2] = [await metric(1, 'mrr'), await metric(2, 'mrr'), await metric(1, 'hit-rate'), await metric(2, 'hit-rate')];
  const best = mrr2 > mrr1 || (mrr2 === mrr1 && hit2 > hit1) ? 2 : 1;
  await expect(step.getByTestId('best-configuration')).toContainText(`Best configuration: ${best}.`);

  const downloading = page.waitForEvent('download');
  await step.getByRole('button', { name: `Export for production: configuration ${best}` }).click();
  const path = testInfo.outputPath('best.zip');
  await (await downloading).saveAs(path);
  const pipeline = JSON.parse(strFromU8(unzipSync(new Uint8Array(await readFile(path)))['openbook.pipeline.json']!));
  expect(pipeline.retrieval.mode).toBe(best === 1 ? 'vector' : 'keyword');
  expect(pipeline.embedding.modelId).toBe('openbook/tiny-embedder');
});
