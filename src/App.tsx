// The page: the six steps of retrieval-augmented generation, in order. Each step has its own error
// boundary (so one that fails leaves the others working); the state is started by src/app/start.ts.
import type { ReactNode } from 'react';
import { Header } from './features/layout/Header';
import { ModelSourceSettings } from './features/settings/ModelSourceSettings';
import { DocumentsStep } from './features/documents/DocumentsStep';
import { ChunksStep } from './features/chunks/ChunksStep';
import { EmbeddingStep } from './features/embedding/EmbeddingStep';
import { AskStep } from './features/retrieval/AskStep';
import { EmbeddingMapPanel } from './features/embeddingMap/EmbeddingMapPanel';
import { PromptStep } from './features/prompt/PromptStep';
import { GenerationStep } from './features/generation/GenerationStep';
import { EvaluationStep } from './features/evaluation/EvaluationStep';
import { OfflineNotice } from './features/offline/OfflineNotice';
import { ModelsPanel } from './features/models/ModelsPanel';
import { RagOrFineTuning } from './features/labs';
import { PublishedWorkspaceNotice } from './features/workspace/PublishedWorkspaceNotice';
import { StartupNotice } from './features/layout/StartupNotice';
import { WorkerNotice } from './features/layout/WorkerNotice';
import { TabNotice } from './features/workspace/TabNotice';
import { ErrorBoundary } from './ui/ErrorBoundary';

/** A step, or a panel, in its own error boundary. */
const guarded = (name: string, part: ReactNode) => (
  <ErrorBoundary scope="step" name={name}>
    {part}
  </ErrorBoundary>
);
import { AppNotices } from './features/notices/AppNotices';

export function App() {
  return (
    <div className="app">
      {guarded('header', <Header />)}
      {guarded('notices', <AppNotices />)}
      <StartupNotice />
      <WorkerNotice />
      <TabNotice />
      {guarded('offline-notice', <OfflineNotice />)}
      {guarded('published-notice', <PublishedWorkspaceNotice />)}
      {guarded('model-source', <ModelSourceSettings />)}
      {guarded('models', <ModelsPanel />)}
      {guarded('rag-or-fine-tuning', <RagOrFineTuning />)}
      <main className="pipeline">
        <div className="column">
          {guarded('documents', <DocumentsStep />)}
          {guarded('chunks', <ChunksStep />)}
        </div>
        <div className="column">
          {guarded('embedding', <EmbeddingStep />)}
          {guarded('ask', <AskStep />)}
          {guarded('embedding-map', <EmbeddingMapPanel />)}
          {guarded('prompt', <PromptStep />)}
          {guarded('generation', <GenerationStep />)}
        </div>
        <div className="column full-width">{guarded('evaluation', <EvaluationStep />)}</div>
      </main>
    </div>
  );
}
