// What other features may use of the workspace feature: the workspace panel (shown in the documents step).
export { WorkspacePanel } from './WorkspacePanel';
