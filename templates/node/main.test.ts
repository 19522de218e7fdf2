// The exported Node project gives the app's results: on the sample corpus, with the repository's fixture
// embedding model, the Node program (node/ exactly as an export writes it, src/state/export/nodeProjectFiles.ts, run as
// a user runs it: a child process, tsx) returns for every
// sample question the same top-10 ids, in order, with scores within 1e-5, as the app's own pipeline: the
// app's chunker, its transformers.js embedder adapter, its exact vector index, its BM25 engine and its fusion.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureModels } from '../../scripts/make-fixture-models';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../src/content/sampleCorpus';
import { chunkDocument } from '../../src/core/chunkers';
import { DEFAULT_CHUNKER_SETTINGS } from '../../src/core/chunkers/settings';
import { markdownSections } from '../../src/core/markdownStructure';
import { buildPipelineFile, pipelineFileText, type PipelineFile } from '../../src/core/pipelineFile';
import { applyRerank, finishStages, firstStageSize, fuseStage } from '../../src/core/retrieval/stages';
import type { RetrievalConfig } from '../../src/core/retrievalConfig';
import { parseModelManifest } from '../../src/adapters/embedder/embeddingModels';
import { TransformersEmbedder } from '../../src/adapters/embedder/transformersEmbedder';
import { ExactIndex } from '../../src/adapters/vectorIndex/exactIndex';
import { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
import { TransformersReranker } from '../../src/adapters/reranker/transformersReranker';
import { parseRerankManifest } from '../../src/adapters/reranker/rerankModels';
import { nodeProjectFiles } from '../../src/state/export/nodeProjectFiles';
import type { Hit } from './main';

const run = promisify(execFile);
let dir: string;
let modelsDir: string;
let docsDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-node-project-'));
  modelsDir = join(dir, 'models');
  docsDir = join(dir, 'docs');
  await makeFixtureModels(modelsDir);
  await mkdir(docsDir);
  for (const d of SAMPLE_DOCUMENTS) await writeFile(join(docsDir, d.name), d.text);
  await writeFile(join(dir, 'questions.jsonl'), SAMPLE_QUESTIONS.map((q) => JSON.stringify({ question: q.question })).join('\n'));
  // The export's node/ folder; its dependencies (pinned in its package.json) are the repository's own.
  for (const f of await nodeProjectFiles()) {
    await mkdir(dirname(join(dir, 'export', f.path)), { recursive: true });
    await writeFile(join(dir, 'export', f.path), f.text);
  }
  await symlink(join(import.meta.dirname, '../../node_modules'), join(dir, 'export/node/node_modules'), 'dir');
}, 60_000);

it('writes node/ as a project of its own: pinned dependencies, one entry, a three-line README, the app sources beside it', async () => {
  const files = (await nodeProjectFiles()).map((f) => f.path);
  expect(files).toEqual(
    expect.arrayContaining([
      'node/main.ts',
      'node/openbook.ts',
      'node/package.json',
      'node/README.md',
      'node/openbook/core/chunkers/index.ts',
      'node/openbook/adapters/keywordIndex/bm25Index.ts',
    ]),
  );
  expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
  const pkg = JSON.parse(await readFile(join(dir, 'export/node/package.json'), 'utf8'));
  // Pinned to the versions this repository installs, which are the ones these tests run.
  for (const [name, version] of Object.entries(pkg.dependencies) as [string, string][]) {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(await readFile(join(import.meta.dirname, `../../node_modules/${name}/package.json`), 'utf8')).version;
    expect(version, name).toBe(installed);
  }
  expect((await readFile(join(dir, 'export/node/README.md'), 'utf8')).trim().split('\n')).toHaveLength(3);
  const barrel = await readFile(join(dir, 'export/node/openbook.ts'), 'utf8');
  expect(barrel).not.toContain('../../src/');
  expect(barrel).toContain("from './openbook/core/chunkers'");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The app's pipeline over the sample corpus (ids: the document's name, as the Node program names them). */
async function appResults(p: PipelineFile): Promise<Array<Array<{ id: string; score: number }>>> {
  const chunks = SAMPLE_DOCUMENTS.flatMap((d) => {
    const sections = d.kind === 'markdown' ? markdownSections(d.text) : [];
    return chunkDocument(
      { id: d.name, name: d.name, kind: d.kind, text: d.text, ...(sections.length ? { structure: { sections } } : {}) },
      DEFAULT_CHUNKER_SETTINGS.recursive,
    );
  });
  const manifest = parseModelManifest(JSON.parse(await readFile(join(modelsDir, 'models.json'), 'utf8')));
  const model = manifest.find((m) => m.id === p.embedding.modelId)!;
  const embedder = new TransformersEmbedder({ localModelPath: `${modelsDir}/` });
  await embedder.load(model, 'wasm', { remoteHost: 'https://huggingface.co', basePath: '/' }, () => {});
  const vectors = await embedder.embed(
    chunks.map((c) => c.text),
    'passage',
  );
  const index = new ExactIndex();
  await index.build(chunks.map((c, i) => ({ id: c.id, vector: vectors[i]! })));
  const keyword = new Bm25Index();
  keyword.build(chunks.map((c) => ({ id: c.id, text: c.text })));
  const config: RetrievalConfig = {
    mode: p.retrieval.mode,
    fusion: p.retrieval.fusion.method,
    vectorWeight: p.retrieval.fusion.vectorWeight,
    topK: p.retrieval.topK,
    candidates: p.retrieval.candidates,
    rerankModelId: p.reranker?.modelId ?? null,
    mmrLambda: p.retrieval.mmrLambda,
    minScore: p.retrieval.minScore,
    filter: null,
  };
  const byId = new Map(chunks.map((c, i) => [c.id, vectors[i]!]));
  const texts = new Map(chunks.map((c) => [c.id, c.text]));
  let reranker: TransformersReranker | null = null;
  if (p.reranker) {
    const rerankModels = parseRerankManifest(JSON.parse(await readFile(join(modelsDir, 'models.json'), 'utf8')));
    reranker = new TransformersReranker({ localModelPath: `${modelsDir}/` });
    await reranker.load(rerankModels.find((m) => m.id === p.reranker!.modelId)!, 'wasm', { remoteHost: 'https://huggingface.co', basePath: '/' }, () => {});
  }
  const out = [];
  for (const q of SAMPLE_QUESTIONS) {
    const [qv] = await embedder.embed([q.question], 'query');
    const n = firstStageSize(config);
    const vectorHits = config.mode === 'keyword' ? [] : (await index.search(qv!, n)).hits;
    const keywordHits = config.mode === 'vector' ? [] : keyword.search(q.question, n).hits;
    let candidates = fuseStage(vectorHits, keywordHits, config);
    if (reranker)
      candidates = applyRerank(
        candidates,
        await reranker.score(
          q.question,
          candidates.map((c) => texts.get(c.id)!),
        ),
      );
    out.push(finishStages(candidates, config, (id) => byId.get(id)).map((c) => ({ id: c.id, score: c.score })));
  }
  return out;
}

async function nodeProgram(p: PipelineFile): Promise<Array<{ question: string; hits: Hit[] }>> {
  const pipelinePath = join(dir, `pipeline-${p.retrieval.mode}-${p.reranker ? 'rerank' : 'plain'}.json`);
  await writeFile(pipelinePath, pipelineFileText(p));
  const main = join(dir, 'export/node/main.ts');
  const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
  const args = [main, 'ask', '--docs', docsDir, '--pipeline', pipelinePath, '--models', modelsDir, '--questions', join(dir, 'questions.jsonl'), '--json'];
  const { stdout } = await run(tsx, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

function pipelineFor(mode: 'vector' | 'hybrid', rerank = false): PipelineFile {
  return buildPipelineFile({
    createdAt: new Date('2026-12-07T10:00:00Z'),
    maxFileMB: 100,
    chunker: DEFAULT_CHUNKER_SETTINGS.recursive,
    embedding: { modelId: 'openbook/tiny-embedder', device: 'wasm', dtype: 'auto', pooling: 'mean', queryPrefix: '', passagePrefix: '', dimension: 64 },
    retrieval: { mode, fusion: 'rrf', vectorWeight: 0.5, candidates: 20, topK: 10, mmrLambda: null, minScore: null, filter: null },
    rerankModelId: rerank ? 'openbook/tiny-reranker' : null,
    rerankMaxTokens: 512,
    template: 'Context:\n{context}\n\nQuestion: {question}',
    systemPrompt: '',
    generation: { engine: 'transformers-wasm', modelId: 'openbook/tiny-chat', temperature: 0.2, topP: 0.95, maxTokens: 64 },
  });
}

describe('the exported Node project', () => {
  for (const [mode, rerank] of [
    ['vector', false],
    ['hybrid', false],
    ['hybrid', true],
  ] as const) {
    it(`gives the app's top 10 for every sample question (${mode} search${rerank ? ', reranked' : ''}), scores within 1e-5`, async () => {
      const p = pipelineFor(mode, rerank);
      const [node, app] = await Promise.all([nodeProgram(p), appResults(p)]);
      expect(node.map((a) => a.question)).toEqual(SAMPLE_QUESTIONS.map((q) => q.question));
      node.forEach((answer, i) => {
        expect(answer.hits.map((h) => h.id)).toEqual(app[i]!.map((h) => h.id));
        expect(answer.hits).toHaveLength(10);
        answer.hits.forEach((h, j) => expect(Math.abs(h.score - app[i]![j]!.score)).toBeLessThan(1e-5));
      });
    }, 120_000);
  }
});
