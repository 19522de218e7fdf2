// The Openbook code this project runs: the app's own pure core (chunking, the semantic chunker's built-in LSA
// embedder, stop words and stemming, contextual headers, BM25, fusion, parent-child, scoring, prompt filling), its BM25 engine and its cross-encoder reranker, the same files the browser app runs. In the Openbook repository this file
// points at src/; in an export the files are copied beside it, under openbook/ (the one line that changes:
// OPENBOOK_SRC below, written as each import's prefix).
// OPENBOOK_SRC = '../../src/'
export { chunkDocument } from '../../src/core/chunkers';
export { readChunkerSettings, type ChunkerSettings } from '../../src/core/chunkers/settings';
export { decodeTextFile } from '../../src/core/decodeText';
export { markdownSections } from '../../src/core/markdownStructure';
export { fuseStage, finishStages, applyRerank, firstStageSize, type Candidate } from '../../src/core/retrieval/stages';
export { allowedChunkIds, isActiveFilter } from '../../src/core/retrieval/filter';
export { fillPrompt } from '../../src/core/prompt';
export type { Chunk, SourceDocument } from '../../src/core/types';
export type { PipelineFile } from '../../src/core/pipelineFile';
export { PIPELINE_FORMAT, PIPELINE_VERSION, keywordSettingsOf } from '../../src/core/pipelineFile';
export { analyzeSemantic } from '../../src/core/chunkers/semantic';
export { lsaEmbedTexts } from '../../src/core/lsa/lsaEmbedTexts';
export { indexedText } from '../../src/core/retrieval/contextualHeader';
export { parentGroups, type ParentGroup } from '../../src/core/retrieval/parentChild';
export { float32Text } from '../../src/core/productionExport/pgvectorSql';
export { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
export { TransformersReranker } from '../../src/adapters/reranker/transformersReranker';
