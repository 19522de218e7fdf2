// What the features may use of the adapters, re-exported here so that no feature imports an adapter:
// the chat models' catalogues, the GPU check and the adapters' types that the screens show.
export { CHAT_MODELS } from '../../adapters/generator/chatModels';
export { chooseWeights, type TransformersChatModelInfo } from '../../adapters/generator/transformersChatModels';
export { modelBlocker } from '../../adapters/generator/gpuCapabilities';
export type { GenerationStats } from '../../adapters/generator/generator';
export type { ProjectionMethod } from '../../adapters/projection/projectionTypes';
export type { IndexEngine, IndexStatus } from '../../adapters/vectorIndex/vectorIndex';
