// What other features may use of the chunks feature: the chunker settings form (the evaluation's
// configurations edit the same settings).
export { ChunkerSettingsForm } from './ChunkerSettingsForm';
