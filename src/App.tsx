// The page: the six steps of retrieval-augmented generation, in order.
import { useEffect } from 'react';
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
import { restoreWorkspace } from './state/workspace';
import { startOfflineSupport } from './state/offlineStore';
import { OfflineNotice } from './features/offline/OfflineNotice';
import { ModelsPanel } from './features/models/ModelsPanel';
import { openLinkedWorkspace } from './state/publishedWorkspace';
import { PublishedWorkspaceNotice } from './features/workspace/PublishedWorkspaceNotice';
import { AppNotices } from './features/notices/AppNotices';

export function App() {
  const loadSiteModels = useIndexStore((s) => s.loadSiteModels);
  const loadSiteChatModels = useGenerationStore((s) => s.loadSiteModels);
  useEffect(() => {
    void loadSiteModels();
    void loadSiteChatModels();
    void restoreWorkspace().then(openLinkedWorkspace);
    startOfflineSupport();
  }, [loadSiteModels, loadSiteChatModels]);

  return (
    <div className="app">
      <Header />
      <AppNotices />
      <OfflineNotice />
      <PublishedWorkspaceNotice />
      <ModelSourceSettings />
      <ModelsPanel />
      <main className="pipeline">
        <div className="column">
          <DocumentsStep />
          <ChunksStep />
        </div>
        <div className="column">
          <EmbeddingStep />
          <AskStep />
          <EmbeddingMapPanel />
          <PromptStep />
          <GenerationStep />
        </div>
        <div className="column full-width">
          <EvaluationStep />
        </div>
      </main>
    </div>
  );
}
