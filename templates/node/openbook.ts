// The Openbook code this project runs, the same code the browser app runs: the app's core package
// (@openbook/core: chunking, the semantic chunker's built-in LSA embedder, stop words and stemming, contextual
// headers, fusion, parent-child, scoring, prompt filling), its BM25 engine and its cross-encoder reranker. In
// the Openbook repository the core is the workspace package packages/core and the adapters are in src/; in an
// export both are copied beside this file, under openbook/ (package.json depends on ./openbook/core by path;
// the one line that changes is ADAPTERS below, written as the adapter imports' prefix).
// ADAPTERS = '../../src/adapters/'
export { chunkDocument } from '@openbook/core/chunkers';
export { readChunkerSettings, type ChunkerSettings } from '@openbook/core/chunkers/settings';
export { decodeTextFile } from '@openbook/core/decodeText';
export { markdownSections } from '@openbook/core/markdownStructure';
export { fuseStage, finishStages, applyRerank, firstStageSize, type Candidate } from '@openbook/core/retrieval/stages';
export { allowedChunkIds, isActiveFilter } from '@openbook/core/retrieval/filter';
export { fillPrompt } from '@openbook/core/prompt';
export type { Chunk, SourceDocument } from '@openbook/core/types';
export type { PipelineFile } from '@openbook/core/pipelineFile';
export { PIPELINE_FORMAT, PIPELINE_VERSION, keywordSettingsOf } from '@openbook/core/pipelineFile';
export { analyzeSemantic } from '@openbook/core/chunkers/semantic';
export { lsaEmbedTexts } from '@openbook/core/lsa/lsaEmbedTexts';
export { indexedText } from '@openbook/core/retrieval/contextualHeader';
export { parentGroups, type ParentGroup } from '@openbook/core/retrieval/parentChild';
export { float32Text } from '@openbook/core/productionExport/pgvectorSql';
export { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
export { TransformersReranker } from '../../src/adapters/reranker/transformersReranker';
