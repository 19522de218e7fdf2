import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n';
import './styles.css';
import { App } from './App';
import { startKeywordIndexSync } from './state/keywordIndexSync';

startKeywordIndexSync();
import { restoreWorkspace } from './state/workspace';

// Start bringing back the saved workspace before the first render (App awaits the same promise).
void restoreWorkspace();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
