// The page: the six steps of retrieval-augmented generation, in order. Each step has its own error
// boundary (so one that fails leaves the others working), and each start-up step runs on its own.
import { useEffect, type ReactNode } from 'react';
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
import { useGenerationStore } from './state/generationStore';
import { useIndexStore } from './state/indexStore';
import { startModelAvailability } from './state/modelAvailabilityStore';
import { restoreWorkspace } from './state/workspace';
import { startOfflineSupport } from './state/offlineStore';
import { OfflineNotice } from './features/offline/OfflineNotice';
import { ModelsPanel } from './features/models/ModelsPanel';
import { openLinkedWorkspace } from './state/publishedWorkspace';
import { PublishedWorkspaceNotice } from './features/workspace/PublishedWorkspaceNotice';
import { StartupNotice } from './features/layout/StartupNotice';
import { WorkerNotice } from './features/layout/WorkerNotice';
import { TabNotice } from './features/workspace/TabNotice';
import { runStartStep } from './state/startupStore';
import { ErrorBoundary } from './ui/ErrorBoundary';

/** A step, or a panel, in its own error boundary. */
const guarded = (name: string, part: ReactNode) => (
  <ErrorBoundary scope="step" name={name}>
    {part}
  </ErrorBoundary>
);
import { AppNotices } from './features/notices/AppNotices';

export function App() {
  const loadSiteModels = useIndexStore((s) => s.loadSiteModels);
  const loadSiteChatModels = useGenerationStore((s) => s.loadSiteModels);
  useEffect(() => {
    void runStartStep('siteModels', loadSiteModels);
    void runStartStep('siteChatModels', loadSiteChatModels);
    // main.tsx started the restore (and notes its failure); the linked workspace waits for it either way.
    void restoreWorkspace()
      .catch(() => undefined)
      .then(() => runStartStep('linkedWorkspace', openLinkedWorkspace));
    void runStartStep('offline', startOfflineSupport);
    // Whether each model can load here (site, browser cache, model host), and the default that follows.
    const availability = startModelAvailability();
    return () => availability.stop();
  }, [loadSiteModels, loadSiteChatModels]);

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
        <div className="column full-width">
          {guarded('evaluation', <EvaluationStep />)}
        </div>
      </main>
    </div>
  );
}
