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
/** The keyword tokeniser workers that could be started (none when workers fail to start). */
export async function getKeywordTokenizers(): Promise<TokenizerClient[]> {
  const started = await Promise.allSettled(tokenizers.map((t) => t.get()));
  return started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
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

const productionExport = lazyWorker(createProductionExportClient);
/** The worker that writes production exports (Parquet, SQL, zip); reset() cancels an export under way. */
export const getProductionExport = productionExport.get;
export const resetProductionExport = productionExport.reset;
