// The exported Node project gives the app's results: on the sample corpus, with the repository's fixture
// embedding model, the Node program (node/ exactly as an export writes it, src/state/export/nodeProjectFiles.ts, run as
// a user runs it: a child process, tsx) returns for every
// sample question the same top-10 ids, in order, with scores within 1e-5, as the app's own pipeline: the
// app's chunker, its transformers.js embedder adapter, its exact vector index, its BM25 engine and its fusion.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureModels } from '../../scripts/make-fixture-models';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../src/content/sampleCorpus';
import { chunkDocument } from '@openbook/core/chunkers';
import { DEFAULT_CHUNKER_SETTINGS } from '@openbook/core/chunkers/settings';
import { markdownSections } from '@openbook/core/markdownStructure';
import { buildPipelineFile, chunkerSettingsOf, keywordSettingsOf, pipelineFileText, type PipelineFile, type PipelineInput } from '@openbook/core/pipelineFile';
import { analyzeSemantic } from '@openbook/core/chunkers/semantic';
import { lsaEmbedTexts } from '@openbook/core/lsa/lsaEmbedTexts';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';
import { parentGroups } from '@openbook/core/retrieval/parentChild';
import { applyRerank, finishStages, firstStageSize, fuseStage } from '@openbook/core/retrieval/stages';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import { parseModelManifest } from '../../src/adapters/embedder/embeddingModels';
import { TransformersEmbedder } from '../../src/adapters/embedder/transformersEmbedder';
import { ExactIndex } from '../../src/adapters/vectorIndex/exactIndex';
import { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
import { TransformersReranker } from '../../src/adapters/reranker/transformersReranker';
import { parseRerankManifest } from '../../src/adapters/reranker/rerankModels';
import { nodeProjectFiles } from '../../src/state/export/nodeProjectFiles';
import type { Chunk } from '@openbook/core/types';
import type { Hit, Parent } from './main';

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
  // Its node_modules: the repository's packages, except @openbook/core, which is the export's own copy (as
  // `npm install` links "file:./openbook/core"), so that the program runs the core the export ships.
  const repoModules = join(import.meta.dirname, '../../node_modules');
  const modules = join(dir, 'export/node/node_modules');
  await mkdir(join(modules, '@openbook'), { recursive: true });
  for (const entry of await readdir(repoModules)) {
    if (entry !== '@openbook') await symlink(join(repoModules, entry), join(modules, entry), 'dir');
  }
  await symlink(join(dir, 'export/node/openbook/core'), join(modules, '@openbook/core'), 'dir');
}, 60_000);

it('writes node/ as a project of its own: pinned dependencies, one entry, a three-line README, the app sources beside it', async () => {
  const files = (await nodeProjectFiles()).map((f) => f.path);
  expect(files).toEqual(
    expect.arrayContaining([
      'node/main.ts',
      'node/openbook.ts',
      'node/package.json',
      'node/README.md',
      'node/openbook/core/package.json',
      'node/openbook/core/src/chunkers/index.ts',
      'node/openbook/adapters/keywordIndex/bm25Index.ts',
    ]),
  );
  expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
  const pkg = JSON.parse(await readFile(join(dir, 'export/node/package.json'), 'utf8'));
  // Pinned to the versions this repository installs, which are the ones these tests run.
  expect(pkg.dependencies['@openbook/core']).toBe('file:./openbook/core');
  const corePkg = JSON.parse(await readFile(join(dir, 'export/node/openbook/core/package.json'), 'utf8'));
  expect(corePkg.name).toBe('@openbook/core');
  expect(corePkg.exports).toEqual(JSON.parse(await readFile(join(import.meta.dirname, '../../packages/core/package.json'), 'utf8')).exports);
  // Every dependency of the core is pinned by the project (the copied package has none of its own).
  expect(corePkg.dependencies).toBeUndefined();
  for (const name of Object.keys(JSON.parse(await readFile(join(import.meta.dirname, '../../packages/core/package.json'), 'utf8')).dependencies)) {
    expect(pkg.dependencies[name], name).toBeDefined();
  }
  expect(await realpath(join(dir, 'export/node/node_modules/@openbook/core'))).toBe(await realpath(join(dir, 'export/node/openbook/core')));
  for (const [name, version] of Object.entries(pkg.dependencies) as [string, string][]) {
    if (name === '@openbook/core') continue;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(await readFile(join(import.meta.dirname, `../../node_modules/${name}/package.json`), 'utf8')).version;
    expect(version, name).toBe(installed);
  }
  expect((await readFile(join(dir, 'export/node/README.md'), 'utf8')).trim().split('\n')).toHaveLength(3);
  const barrel = await readFile(join(dir, 'export/node/openbook.ts'), 'utf8');
  expect(barrel).not.toContain('../../src/');
  expect(barrel).toContain("from '@openbook/core/chunkers'");
  expect(barrel).toContain("from './openbook/adapters/keywordIndex/bm25Index'");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface AppAnswer {
  hits: Array<{ id: string; score: number }>;
  /** Parent-child: the parents the app's prompt gets (null when off). */
  parents: Array<{ document: string; start: number; end: number; childRanks: number[]; text: string }> | null;
}

/**
 * The app's pipeline over the sample corpus (ids: the document's name, as the Node program names them): its
 * chunker (the semantic one with the built-in LSA embedder, as its chunker worker runs it), its keyword index
 * with the file's stop words and stemming over the chunks with their contextual headers (as
 * state/retrieval/keywordIndexSync.ts gives them), and parent-child's parents (as retrievalPipeline.ts).
 */
async function appResults(p: PipelineFile): Promise<AppAnswer[]> {
  const settings = chunkerSettingsOf(p);
  const documents = SAMPLE_DOCUMENTS.map((d) => {
    const sections = d.kind === 'markdown' ? markdownSections(d.text) : [];
    return { id: d.name, name: d.name, kind: d.kind, text: d.text, ...(sections.length ? { structure: { sections } } : {}) };
  });
  const chunks: Chunk[] = [];
  for (const d of documents) {
    const semantic = settings.kind === 'semantic' ? await analyzeSemantic(d.text, settings, lsaEmbedTexts) : undefined;
    chunks.push(...chunkDocument(d, settings, undefined, semantic));
  }
  const keywordSettings = keywordSettingsOf(p);
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
  const keyword = new Bm25Index({ stopWords: keywordSettings.stopWords, stemming: keywordSettings.stemming });
  keyword.build(chunks.map((c) => ({ id: c.id, text: indexedText(c, c.docId, keywordSettings.contextualHeaders) })));
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
  const out: AppAnswer[] = [];
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
    const hits = finishStages(candidates, config, (id) => byId.get(id)).map((c) => ({ id: c.id, score: c.score }));
    const chunkById = new Map(chunks.map((c) => [c.id, c]));
    const parents = p.retrieval.parentChild
      ? parentGroups(
          hits.map((h) => chunkById.get(h.id)!),
          (docId) => {
            const d = documents.find((x) => x.id === docId);
            return d && { text: d.text, chunks: chunks.filter((c) => c.docId === docId), ...(d.structure ? { sections: d.structure.sections } : {}) };
          },
          p.retrieval.parentChild,
        ).map((g) => ({ document: g.docId, start: g.start, end: g.end, childRanks: g.childRanks, text: g.text }))
      : null;
    out.push({ hits, parents });
  }
  return out;
}

let runs = 0;
async function nodeProgram(p: PipelineFile): Promise<Array<{ question: string; hits: Hit[]; parents?: Parent[] }>> {
  const pipelinePath = join(dir, `pipeline-${p.retrieval.mode}-${p.reranker ? 'rerank' : 'plain'}-${runs++}.json`);
  await writeFile(pipelinePath, pipelineFileText(p));
  const main = join(dir, 'export/node/main.ts');
  const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
  const args = [main, 'ask', '--docs', docsDir, '--pipeline', pipelinePath, '--models', modelsDir, '--questions', join(dir, 'questions.jsonl'), '--json'];
  const { stdout } = await run(tsx, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

function pipelineFor(mode: 'vector' | 'hybrid' | 'keyword', rerank = false, patch: Partial<PipelineInput> = {}): PipelineFile {
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
    ...patch,
  });
}

/**
 * The Node program's answers equal the app's: top 10 ids in order, scores within 1e-5, the same parents
 * (keyword search alone finds only chunks sharing a term with the question: up to 10, and some for every question).
 */
function expectSameAnswers(node: Awaited<ReturnType<typeof nodeProgram>>, app: AppAnswer[], keywordOnly = false): void {
  expect(node.map((a) => a.question)).toEqual(SAMPLE_QUESTIONS.map((q) => q.question));
  node.forEach((answer, i) => {
    expect(answer.hits.map((h) => h.id)).toEqual(app[i]!.hits.map((h) => h.id));
    if (keywordOnly) expect(answer.hits.length).toBeGreaterThan(0);
    else expect(answer.hits).toHaveLength(10);
    answer.hits.forEach((h, j) => expect(Math.abs(h.score - app[i]!.hits[j]!.score)).toBeLessThan(1e-5));
    expect(answer.parents ?? null).toEqual(app[i]!.parents);
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
        expect(answer.hits.map((h) => h.id)).toEqual(app[i]!.hits.map((h) => h.id));
        expect(answer.hits).toHaveLength(10);
        answer.hits.forEach((h, j) => expect(Math.abs(h.score - app[i]!.hits[j]!.score)).toBeLessThan(1e-5));
      });
    }, 120_000);
  }

  it("gives the app's hits with the keyword defaults (stop words, stemming, contextual headers) in hybrid and keyword search, and without them as older files ran", async () => {
    const defaults = pipelineFor('hybrid');
    expect(keywordSettingsOf(defaults)).toEqual({ stopWords: true, stemming: true, contextualHeaders: true });
    const keywordDefaults = pipelineFor('keyword');
    // A version 1 file written before the techniques existed: keyword search on the tokens as they are.
    const older = JSON.parse(pipelineFileText(keywordDefaults)) as PipelineFile;
    delete (older.keyword as Partial<PipelineFile['keyword']>).stopWordLists;
    delete (older.keyword as Partial<PipelineFile['keyword']>).stemming;
    delete (older.keyword as Partial<PipelineFile['keyword']>).contextualHeaders;
    const [nodeHybrid, appHybrid, nodeKeyword, appKeyword, nodeOlder, appOlder] = await Promise.all([
      nodeProgram(defaults),
      appResults(defaults),
      nodeProgram(keywordDefaults),
      appResults(keywordDefaults),
      nodeProgram(older),
      appResults(older),
    ]);
    expectSameAnswers(nodeHybrid, appHybrid);
    expectSameAnswers(nodeKeyword, appKeyword, true);
    expectSameAnswers(nodeOlder, appOlder, true);
    // The settings change the hits (so the equality above says something).
    expect(nodeKeyword.map((a) => a.hits.map((h) => h.id))).not.toEqual(nodeOlder.map((a) => a.hits.map((h) => h.id)));
  }, 240_000);

  it("with parent-child, gives the app's hits (the matched chunks) and the app's parents, which the filled prompt gets", async () => {
    const p = pipelineFor('hybrid', false, {});
    const withParents = buildPipelineFile({
      createdAt: new Date(p.createdAt),
      maxFileMB: 100,
      chunker: DEFAULT_CHUNKER_SETTINGS.recursive,
      embedding: { modelId: 'openbook/tiny-embedder', device: 'wasm', dtype: 'auto', pooling: 'mean', queryPrefix: '', passagePrefix: '', dimension: 64 },
      retrieval: {
        mode: 'hybrid',
        fusion: 'rrf',
        vectorWeight: 0.5,
        candidates: 20,
        topK: 10,
        mmrLambda: null,
        minScore: null,
        filter: null,
        parentChild: { mode: 'section', window: 1 },
      },
      rerankModelId: null,
      template: p.prompt.template,
      systemPrompt: '',
      generation: p.generation,
    });
    const [node, app, plain] = await Promise.all([nodeProgram(withParents), appResults(withParents), nodeProgram(p)]);
    expectSameAnswers(node, app);
    // Parent-child leaves the hits as they were; it adds their parents, larger than the hits they hold.
    expect(node.map((a) => a.hits.map((h) => h.id))).toEqual(plain.map((a) => a.hits.map((h) => h.id)));
    expect(plain.every((a) => a.parents === undefined)).toBe(true);
    const first = node[0]!;
    expect(first.parents!.length).toBeGreaterThan(0);
    expect(first.parents![0]!.text.length).toBeGreaterThan(first.hits[0]!.text.length);
    expect(first.parents![0]!.text).toContain(first.hits[0]!.text);
  }, 240_000);

  it("with the semantic chunker, chunks as the app does (built-in LSA embedder) and gives the app's hits", async () => {
    const p = pipelineFor('keyword', false, { chunker: DEFAULT_CHUNKER_SETTINGS.semantic });
    expect(p.chunker.kind).toBe('semantic');
    const [node, app] = await Promise.all([nodeProgram(p), appResults(p)]);
    expectSameAnswers(node, app, true);
    // Chunked by meaning: not the recursive chunker's chunks.
    const recursive = await appResults(pipelineFor('keyword'));
    expect(app.map((a) => a.hits.map((h) => h.id))).not.toEqual(recursive.map((a) => a.hits.map((h) => h.id)));
  }, 240_000);

  it('refuses query transformation with a clear message: its queries come from the chat model, per question', async () => {
    const p = pipelineFor('hybrid', false, {
      retrieval: {
        mode: 'hybrid',
        fusion: 'rrf',
        vectorWeight: 0.5,
        candidates: 20,
        topK: 10,
        mmrLambda: null,
        minScore: null,
        filter: null,
        queryTransform: { mode: 'multi', rewrites: 3 },
      },
    });
    const failed = await nodeProgram(p).then(
      () => null,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/query transformation \(multi\).*chat model/);
  }, 120_000);
});
