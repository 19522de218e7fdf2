// The app's long-lived workers, each started on first use and shared by the stores.
import { lazyWorker } from './lazyWorker';
import { createChunkerClient } from '../../adapters/chunker/chunkerClient';
import { createEmbedderClient } from '../../adapters/embedder/embedderClient';
import { createParserClient } from '../../adapters/parsers/parserClient';
import { createRerankerClient } from '../../adapters/reranker/rerankerClient';
import { createVectorIndexClient } from '../../adapters/vectorIndex/vectorIndexClient';
import { createKeywordIndexClient } from '../../adapters/keywordIndex/keywordIndexClient';
import { createTokenizerClient, type TokenizerClient } from '../../adapters/keywordIndex/tokenizerClient';
import { createProjectionClient } from '../../adapters/projection/projectionClient';
import { createWorkspaceFileClient } from '../../adapters/workspaceFile/workspaceFileClient';
import { createProductionExportClient } from '../../adapters/productionExport/productionExportClient';

const chunker = lazyWorker(createChunkerClient, 'chunker');
const embedder = lazyWorker(createEmbedderClient, 'embedder');
const vectorIndex = lazyWorker(createVectorIndexClient, 'vectorIndex');
const parser = lazyWorker(createParserClient, 'parser');
const keywordIndex = lazyWorker(createKeywordIndexClient, 'keywordIndex');
const reranker = lazyWorker(createRerankerClient, 'reranker');
// A second embedder for questions while the first one embeds a new run (maybe with another model): the
// index being replaced stays searchable with the model that made it (see indexStore.questionEmbedder).
const queryEmbedder = lazyWorker(createEmbedderClient, 'queryEmbedder');

export const getChunker = chunker.get;
export const getEmbedder = embedder.get;
export const resetEmbedder = embedder.reset;
export const getVectorIndex = vectorIndex.get;
export const getParser = parser.get;
/** Stop a parse in flight (pdf.js cannot be interrupted); the next file starts a fresh parser worker. */
export const resetParser = parser.reset;
/** The parser worker if one is running (the end-to-end tests crash it through src/state/runtime/testHooks.ts). */
export const currentParser = parser.current;
export const getKeywordIndex = keywordIndex.get;

/** Tokeniser workers that share a large keyword index build: one per core beyond the first, at most three. */
const tokenizers = Array.from({ length: Math.min(3, Math.max(1, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1)) }, () =>
  lazyWorker(createTokenizerClient, 'tokenizer'),
);
/** Builds using the tokeniser workers now (they are ended when none is). */
let tokenizerUsers = 0;
/**
 * The keyword tokeniser workers that could be started (none when workers fail to start), for one build:
 * call releaseKeywordTokenizers() once after it (also after a failed one).
 */
export async function getKeywordTokenizers(): Promise<TokenizerClient[]> {
  tokenizerUsers++;
  const started = await Promise.allSettled(tokenizers.map((t) => t.get()));
  return started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}
/**
 * A build is done with the tokeniser workers: when no other build uses them, end them. Large builds are
 * rare (an import, a new analysis; a reload loads the saved index), and each idle worker keeps MBs of
 * heap and isolate; starting them again takes a few ms, and they hold nothing between builds.
 */
export function releaseKeywordTokenizers(): void {
  if (tokenizerUsers > 0) tokenizerUsers--;
  if (tokenizerUsers === 0) for (const t of tokenizers) void t.reset();
}
export const getReranker = reranker.get;
export const resetReranker = reranker.reset;
export const getQueryEmbedder = queryEmbedder.get;
export const resetQueryEmbedder = queryEmbedder.reset;

const projection = lazyWorker(createProjectionClient, 'projection');
/** The embedding map's projection worker; reset() cancels a fit under way. */
export const getProjection = projection.get;
export const resetProjection = projection.reset;

const workspaceFile = lazyWorker(createWorkspaceFileClient, 'workspaceFile');
/** The worker that writes and reads workspace files; reset() cancels a job under way. */
export const getWorkspaceFile = workspaceFile.get;
export const resetWorkspaceFile = workspaceFile.reset;
/**
 * End the workspace file worker after a job (the next job starts a new one): an export or import is rare,
 * and between jobs the worker holds nothing but MBs of heap and isolate.
 */
export const releaseWorkspaceFile = workspaceFile.reset;

const productionExport = lazyWorker(createProductionExportClient);
/** The worker that writes production exports (Parquet, SQL, zip); reset() cancels an export under way. */
export const getProductionExport = productionExport.get;
export const resetProductionExport = productionExport.reset;
