// The page's start: the app's state started once by src/app/start.ts (each start-up step on its own: one that
// fails is shown and the others go on), and the app inside an error boundary so that a failure anywhere never
// leaves a blank page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n/i18n';
import './styles.css';
import { App } from './App';
import { startApp } from './app/start';
import { ErrorBoundary } from './ui/ErrorBoundary';

// Before the first render: the saved workspace starts coming back at once.
startApp();

// The first language's strings (Chinese is a chunk of its own) are in before the first render.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary scope="app" name="app">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  ),
);
