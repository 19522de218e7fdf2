// The app's one start-up: every reaction, subscription and restore, started here explicitly and once (no
// store is wired by importing it). Called by src/main.tsx before the first render. Each step runs through
// runStartStep (src/state/runtime/startupStore.ts): one that throws or rejects is shown, and the others go on.
import { startChunkComparison } from '../state/chunks/chunkCompareStore';
import { startChunkingReactions } from '../state/chunks/chunkingStore';
import { startChunkTokenizerSync } from '../state/chunks/chunkTokenizer';
import { startSemanticEmbedderSync } from '../state/chunks/semanticEmbedderSync';
import { useGenerationStore } from '../state/generation/generationStore';
import { useIndexStore } from '../state/embedding/indexStore';
import { startKeywordIndexSync } from '../state/retrieval/keywordIndexSync';
import { startModelAvailability } from '../state/models/modelAvailabilityStore';
import { startOfflineSupport } from '../state/runtime/offlineStore';
import { openLinkedWorkspace } from '../state/workspace/publishedStore';
import { runStartStep } from '../state/runtime/startupStore';
import { startTabLock } from '../state/workspace/tabLock';
import { installTestHooks } from '../state/runtime/testHooks';
import { restoreWorkspace } from '../state/flows/workspaceRestore';

let started = false;

/** Start the app's state: reactions first, then the restore, the model lists and the checks. Once only. */
export function startApp(): void {
  if (started) return;
  started = true;
  installTestHooks();
  void runStartStep('tabLock', startTabLock);
  // Reactions between stores: documents are chunked as they come, with the selected model's tokenizer; the
  // comparison follows the selected document; the keyword index follows the chunks.
  void runStartStep('chunking', () => {
    startChunkTokenizerSync();
    startSemanticEmbedderSync();
    startChunkingReactions();
    startChunkComparison();
  });
  void runStartStep('keywordIndex', startKeywordIndexSync);
  // The saved workspace comes back; a linked (published) workspace is opened after it, whether it came back or not.
  const restored = runStartStep('workspace', restoreWorkspace);
  void restored.then(() => runStartStep('linkedWorkspace', openLinkedWorkspace));
  void runStartStep('siteModels', () => useIndexStore.getState().loadSiteModels());
  void runStartStep('siteChatModels', () => useGenerationStore.getState().loadSiteModels());
  void runStartStep('offline', startOfflineSupport);
  // Whether each model can load here (site, browser cache, model host), and the default that follows.
  void runStartStep('modelAvailability', () => {
    startModelAvailability();
  });
}
