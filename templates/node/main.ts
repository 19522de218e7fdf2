// The Openbook pipeline from the command line: given a folder of documents and openbook.pipeline.json, it
// parses, chunks, embeds (transformers.js in Node), indexes and answers a question, printing the hits the app
// shows for the same documents and settings (same chunker, same embedding model and pooling, exact cosine
// search, the app's BM25+ with its stop words, stemming and contextual headers, its fusion; with parent-child,
// each hit's parent as the app sends it to the prompt). `copy-rows` streams chunks.parquet as Postgres COPY text.
// Refused here, with the reason: the token chunker, the built-in LSA embedder as the pipeline's embedder, and
// query transformation (its queries are written per question by the chat model).
//
//   npx tsx main.ts ask --docs <folder> --question "…" [--pipeline ../openbook.pipeline.json] [--models <folder>] [--k 10] [--json] [--prompt]
//   npx tsx main.ts ask --docs <folder> --questions questions.jsonl   (one {"question": "…"} per line) [--json]
//   npx tsx main.ts copy-rows --parquet ../chunks.parquet
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  Bm25Index,
  TransformersReranker,
  analyzeSemantic,
  applyRerank,
  PIPELINE_FORMAT,
  PIPELINE_VERSION,
  allowedChunkIds,
  chunkDocument,
  decodeTextFile,
  fillPrompt,
  finishStages,
  float32Text,
  firstStageSize,
  fuseStage,
  indexedText,
  isActiveFilter,
  keywordSettingsOf,
  lsaEmbedTexts,
  markdownSections,
  parentGroups,
  readChunkerSettings,
  type Chunk,
  type ParentGroup,
  type PipelineFile,
  type SourceDocument,
} from './openbook';

export interface Hit {
  rank: number;
  id: string;
  score: number;
  scores: Record<string, number>;
  document: string;
  section: string | null;
  page: number | null;
  text: string;
}

/** A parent as the prompt gets it (parent-child): its document, span and text, and the ranks of its hits. */
export interface Parent {
  document: string;
  start: number;
  end: number;
  childRanks: number[];
  text: string;
}

const fail = (message: string): never => {
  console.error(`openbook: ${message}`);
  process.exit(1);
};

async function readPipeline(path: string): Promise<PipelineFile> {
  const json = JSON.parse(await readFile(path, 'utf8')) as PipelineFile;
  if (json.format !== PIPELINE_FORMAT) fail(`${path} is not an Openbook pipeline file`);
  if (json.version !== PIPELINE_VERSION) fail(`${path} is version ${json.version}; this project reads version ${PIPELINE_VERSION}`);
  return json;
}

/** The documents of a folder (and its subfolders), by path, in name order; ids are their paths. */
async function readDocuments(folder: string): Promise<SourceDocument[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const documents: SourceDocument[] = [];
  for (const file of files) {
    const name = relative(folder, file);
    const bytes = new Uint8Array(await readFile(file));
    const decoded = decodeTextFile(name, bytes);
    if (!decoded.ok) {
      console.error(`openbook: skipped ${name}: ${decoded.reason}${'detail' in decoded && decoded.detail ? ` (${decoded.detail})` : ''}`);
      continue;
    }
    const sections = decoded.kind === 'markdown' ? markdownSections(decoded.text) : [];
    documents.push({
      id: name,
      name,
      kind: decoded.kind,
      text: decoded.text,
      sizeBytes: bytes.length,
      addedAt: 0,
      ...(sections.length > 0 ? { structure: { sections } } : {}),
    });
  }
  return documents;
}

type Embedder = (texts: string[], options: { pooling: 'mean' | 'cls'; normalize: boolean }) => Promise<{ data: Float32Array; dims: number[] }>;

/** The pipeline's embedding model through transformers.js (local folder first when --models is given). */
async function loadEmbedder(p: PipelineFile, models: string | undefined): Promise<Embedder> {
  const { env, pipeline } = await import('@huggingface/transformers');
  if (models) {
    env.localModelPath = resolve(models);
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
  }
  const options: Record<string, unknown> = { device: 'cpu' };
  if (p.embedding.dtype !== 'auto') options.dtype = p.embedding.dtype;
  return (await pipeline('feature-extraction', p.embedding.modelId, options)) as unknown as Embedder;
}

async function embedAll(embed: Embedder, p: PipelineFile, texts: string[], prefix: string): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  const batch = 32;
  for (let i = 0; i < texts.length; i += batch) {
    const tensor = await embed(
      texts.slice(i, i + batch).map((t) => prefix + t),
      { pooling: p.embedding.pooling, normalize: p.embedding.normalize },
    );
    const d = tensor.dims[1]!;
    for (let j = 0; j * d < tensor.data.length; j++) out.push(tensor.data.slice(j * d, (j + 1) * d));
  }
  return out;
}

/** Exact cosine search over normalised vectors, as the app's exact index: float64 dot products, ties by id. */
function cosineTopK(query: Float32Array, ids: string[], vectors: Float32Array[], k: number, allowed?: Set<string>): Array<{ id: string; score: number }> {
  let norm = 0;
  for (const x of query) norm += x * x;
  const q = Float32Array.from(query, (x) => (norm > 0 ? x / Math.sqrt(norm) : 0));
  const hits: Array<{ id: string; score: number }> = [];
  ids.forEach((id, i) => {
    if (allowed && !allowed.has(id)) return;
    const v = vectors[i]!;
    let s = 0;
    for (let j = 0; j < v.length; j++) s += v[j]! * q[j]!;
    hits.push({ id, score: s });
  });
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits.slice(0, k);
}

export interface Pipeline {
  ask(question: string, k?: number): Promise<Hit[]>;
  /** Parent-child: the parents of these hits (merged where they share text), best first; null when it is off. */
  parentsOf(hits: Hit[]): Parent[] | null;
  chunks: Chunk[];
}

/** Parse, chunk, embed and index the documents of a folder under a pipeline file; then ask away. */
export async function openPipeline(p: PipelineFile, docsFolder: string, models?: string): Promise<Pipeline> {
  const settings = readChunkerSettings(p.chunker) ?? fail('the chunker settings are not valid');
  if (settings.kind === 'token') fail('the token chunker needs the embedding model tokenizer counts of the app; use another chunker here');
  if (p.embedding.modelId === 'openbook/lsa') {
    fail(
      'the built-in LSA embedder is fitted to the workspace in the browser: its vectors are in chunks.parquet, but questions cannot be embedded here (pick a transformers.js model in the app)',
    );
  }
  if (p.retrieval.queryTransform) {
    fail(
      `query transformation (${p.retrieval.queryTransform.mode}) writes its queries per question with the app's chat model, which this project does not run; export the pipeline with query transformation off`,
    );
  }
  const documents = await readDocuments(docsFolder);
  const chunks: Chunk[] = [];
  for (const d of documents) {
    // The semantic chunker compares sentence windows embedded by the built-in LSA embedder, fitted to the document (as the app's chunker worker does).
    const semantic = settings.kind === 'semantic' ? await analyzeSemantic(d.text, settings, lsaEmbedTexts) : undefined;
    chunks.push(...chunkDocument(d, settings, undefined, semantic));
  }
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const names = new Map(documents.map((d) => [d.id, d.name]));
  // Contextual headers ("title › heading path") go into the text embedded and keyword-indexed, never into the text shown.
  const keywordSettings = keywordSettingsOf(p);
  const embedHeaders = p.embedding.contextualHeaders ?? false;
  const needsVectors = p.retrieval.mode !== 'keyword';
  const embed = needsVectors || p.retrieval.mmrLambda !== null ? await loadEmbedder(p, models) : null;
  const ids = chunks.map((c) => c.id);
  const vectors = embed
    ? await embedAll(
        embed,
        p,
        chunks.map((c) => indexedText(c, names.get(c.docId) ?? '', embedHeaders)),
        p.embedding.passagePrefix,
      )
    : [];
  const vectorById = new Map(vectors.map((v, i) => [ids[i]!, v]));
  const keyword = new Bm25Index({ stopWords: keywordSettings.stopWords, stemming: keywordSettings.stemming });
  keyword.build(chunks.map((c) => ({ id: c.id, text: indexedText(c, names.get(c.docId) ?? '', keywordSettings.contextualHeaders) })));
  // Parent-child: each document's text, sections and chunks in order (as the app's parentSource.ts gives them).
  const parentSettings = p.retrieval.parentChild ?? null;
  const docById = new Map(documents.map((d) => [d.id, d]));
  const parentSource = (docId: string) => {
    const d = docById.get(docId);
    if (!d) return undefined;
    const own = chunks.filter((c) => c.docId === docId).sort((a, b) => a.index - b.index);
    return { text: d.text, chunks: own, ...(d.structure?.sections ? { sections: d.structure.sections } : {}) };
  };
  // The app's own cross-encoder code: question and passage as a pair, sigmoid of the logit.
  let reranker: TransformersReranker | null = null;
  if (p.reranker) {
    const { modelId, maxTokens } = p.reranker;
    reranker = new TransformersReranker({ runtime: 'node', ...(models ? { localModelPath: `${resolve(models)}/` } : {}) });
    await reranker.load(
      { id: modelId, label: modelId, sizeMB: 0, languages: ['multilingual'], maxTokens, ...(models ? { selfHostedOnly: true } : {}) },
      'wasm',
      { remoteHost: 'https://huggingface.co', basePath: '/' },
      () => {},
    );
  }
  // A filter by document names the app's document ids, which mean nothing here: only its pages apply.
  const filter = p.retrieval.filter?.pages ? { pages: p.retrieval.filter.pages } : null;
  const allowed = isActiveFilter(filter) ? allowedChunkIds(chunks, filter) : undefined;

  return {
    chunks,
    parentsOf(hits) {
      if (!parentSettings) return null;
      const groups: ParentGroup[] = parentGroups(
        hits.map((h) => byId.get(h.id)!),
        parentSource,
        parentSettings,
      );
      return groups.map((g) => ({ document: names.get(g.docId) ?? g.docId, start: g.start, end: g.end, childRanks: g.childRanks, text: g.text }));
    },
    async ask(question, k = p.retrieval.topK) {
      const config = {
        ...p.retrieval,
        topK: k,
        fusion: p.retrieval.fusion.method,
        vectorWeight: p.retrieval.fusion.vectorWeight,
        rerankModelId: p.reranker?.modelId ?? null,
      };
      const n = firstStageSize(config);
      const vectorHits =
        p.retrieval.mode !== 'keyword' && embed
          ? cosineTopK((await embedAll(embed, p, [question], p.embedding.queryPrefix))[0]!, ids, vectors, n, allowed && new Set(allowed))
          : [];
      const keywordHits = p.retrieval.mode !== 'vector' ? keyword.search(question, n, allowed ? { allowedIds: allowed } : {}).hits : [];
      let candidates = fuseStage(vectorHits, keywordHits, config);
      if (reranker && candidates.length > 0)
        candidates = applyRerank(
          candidates,
          await reranker.score(
            question,
            candidates.map((c) => byId.get(c.id)!.text),
          ),
        );
      const finished = finishStages(candidates, config, (id) => vectorById.get(id));
      return finished.map((c, i) => {
        const chunk = byId.get(c.id)!;
        return {
          rank: i + 1,
          id: c.id,
          score: c.score,
          scores: { ...c.scores },
          document: names.get(chunk.docId) ?? chunk.docId,
          section: chunk.meta?.headingPath?.join(' > ') ?? null,
          page: chunk.meta?.pageStart ?? null,
          text: chunk.text,
        };
      });
    },
  };
}

/** chunks.parquet as COPY text (tab-separated, \N for null), row group by row group. */
async function copyRows(parquetPath: string): Promise<void> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
  const file = await asyncBufferFromFile(parquetPath);
  const metadata = await parquetMetadataAsync(file);
  const field = (v: unknown) =>
    v === null || v === undefined
      ? '\\N'
      : String(v).replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\u0000', '');
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
    let out = '';
    for (const r of rows) {
      const vector = `[${Array.from(r.vector as ArrayLike<number>, (x) => float32Text(Math.fround(x))).join(',')}]`;
      out += [r.id, r.document, r.page, r.section, r.text, vector, r.token_count].map((v, i) => (i === 5 ? vector : field(v))).join('\t') + '\n';
    }
    if (!process.stdout.write(out)) await new Promise((done) => process.stdout.once('drain', done));
    rowStart = rowEnd;
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      docs: { type: 'string' },
      pipeline: { type: 'string', default: '../openbook.pipeline.json' },
      question: { type: 'string' },
      questions: { type: 'string' },
      models: { type: 'string' },
      k: { type: 'string' },
      json: { type: 'boolean', default: false },
      prompt: { type: 'boolean', default: false },
      parquet: { type: 'string', default: '../chunks.parquet' },
    },
  });
  if (command === 'copy-rows') return copyRows(values.parquet!);
  if (command !== 'ask') fail('usage: main.ts ask --docs <folder> --question "…" | main.ts copy-rows --parquet <file> (see README.md)');
  if (!values.docs) fail('--docs <folder> is required');
  const questions = values.questions
    ? (await readFile(values.questions, 'utf8'))
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => String((JSON.parse(l) as { question: string }).question))
    : values.question
      ? [values.question]
      : fail('--question "…" or --questions <file.jsonl> is required');
  const p = await readPipeline(values.pipeline!);
  const k = values.k ? Number(values.k) : undefined;
  const pipeline = await openPipeline(p, values.docs!, values.models);
  const answers: Array<{ question: string; hits: Hit[]; parents?: Parent[] }> = [];
  for (const question of questions) {
    const hits = await pipeline.ask(question, k);
    const parents = pipeline.parentsOf(hits);
    answers.push({ question, hits, ...(parents ? { parents } : {}) });
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(answers.length === 1 && !values.questions ? answers[0] : answers)}\n`);
    return;
  }
  for (const { question, hits, parents } of answers) {
    console.log(`\n${question}`);
    for (const h of hits)
      console.log(`${String(h.rank).padStart(3)}. ${h.score.toFixed(6)}  ${h.id}  ${h.section ?? ''}\n     ${h.text.slice(0, 160).replaceAll('\n', ' ')}`);
    if (values.prompt) {
      const filled = fillPrompt(
        p.prompt.template,
        question,
        // Parent-child: the prompt gets each parent (merged where hits share one), not the matched chunks.
        parents ? parents.map((g) => ({ text: g.text, source: g.document })) : hits.map((h) => ({ text: h.text, source: h.document })),
      );
      console.log(`\n--- prompt (${p.generation.engine}, ${p.generation.modelId}) ---\n${filled.text}`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
}
