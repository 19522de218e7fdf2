// What other features may use of the workspace feature: the workspace panel (shown in the documents step), and
// the "Export for production" button (also offered beside the best configuration of an evaluation).
export { WorkspacePanel } from './WorkspacePanel';
export { ProductionExportButton } from './ProductionExportButton';
