// What other features may use of the offline feature: the ways forward offered when a model cannot load.
export { WaysForward, type WaysForwardKind } from './WaysForward';
// "Make everything available offline" (the large runtimes), shown in the models panel.
export { OfflineRuntimes } from './OfflineRuntimes';
