// The page's start: each start-up step on its own (one that fails is shown and the others go on), and the
// app inside an error boundary so that a failure anywhere never leaves a blank page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n';
import './styles.css';
import { App } from './App';
import { startKeywordIndexSync } from './state/keywordIndexSync';
import { restoreWorkspace } from './state/workspace';
import { runStartStep } from './state/startupStore';
import { startTabLock } from './state/tabLock';
import { installTestHooks } from './state/testHooks';
import { ErrorBoundary } from './ui/ErrorBoundary';

installTestHooks();
void runStartStep('tabLock', startTabLock);
void runStartStep('keywordIndex', startKeywordIndexSync);
// Start bringing back the saved workspace before the first render (App awaits the same promise).
void runStartStep('workspace', restoreWorkspace);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary scope="app" name="app">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
