// The labs (in the generation step) and the "RAG or fine-tuning?" explainer.
export { LabsPanel } from './LabsPanel';
export { RagOrFineTuning } from './RagOrFineTuning';
