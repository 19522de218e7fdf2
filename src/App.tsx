// The page: the six steps of retrieval-augmented generation in one column, top to bottom, then the tools
// (evaluation, the embedding map) and the settings; the stepper (a side rail on wide screens, a bar at
// the top on narrow ones) shows each step's state and jumps to it. Each step has its own error boundary
// (so one that fails leaves the others working); the state is started by src/app/start.ts.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './features/layout/Header';
import { StepRail } from './features/layout/StepRail';
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
import { LessonPanel, LessonsLayer } from './features/lessons';
import { PublishedWorkspaceNotice } from './features/workspace/PublishedWorkspaceNotice';
import { StartupNotice } from './features/layout/StartupNotice';
import { WorkerNotice } from './features/layout/WorkerNotice';
import { TabNotice } from './features/workspace/TabNotice';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { AppNotices } from './features/notices/AppNotices';

/** A step, or a panel, in its own error boundary. */
const guarded = (name: string, part: ReactNode) => (
  <ErrorBoundary scope="step" name={name}>
    {part}
  </ErrorBoundary>
);

export function App() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#steps">
        {t('uipath.skipLink')}
      </a>
      {guarded('header', <Header />)}
      {guarded('lessons', <LessonsLayer />)}
      {guarded('notices', <AppNotices />)}
      <StartupNotice />
      <WorkerNotice />
      <TabNotice />
      {guarded('offline-notice', <OfflineNotice />)}
      {guarded('published-notice', <PublishedWorkspaceNotice />)}
      {guarded('rag-or-fine-tuning', <RagOrFineTuning />)}
      <div className="layout">
        {guarded('stepper', <StepRail />)}
        <main className="pipeline" id="steps" tabIndex={-1}>
          {guarded('documents', <DocumentsStep />)}
          {guarded('chunks', <ChunksStep />)}
          {guarded('embedding', <EmbeddingStep />)}
          {guarded('ask', <AskStep />)}
          {guarded('prompt', <PromptStep />)}
          {guarded('generation', <GenerationStep />)}
          <div className="tools">
            <div className="tools-intro">
              <h2>{t('uipath.tools.title')}</h2>
              <p className="muted">{t('uipath.tools.subtitle')}</p>
            </div>
            {guarded('evaluation', <EvaluationStep />)}
            {guarded('embedding-map', <EmbeddingMapPanel />)}
          </div>
          <div className="app-settings">
            {guarded('model-source', <ModelSourceSettings />)}
            {guarded('models', <ModelsPanel />)}
          </div>
        </main>
      </div>
      {guarded('lesson-panel', <LessonPanel />)}
    </div>
  );
}
