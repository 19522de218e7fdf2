// Points transformers.js' global env at a model location. Imported only in workers and Node (the library
// is large: the main thread reaches modelLocation.ts, which is pure, never this file).
import { env } from '@huggingface/transformers';
import type { ModelLocation } from './modelLocation';

/** Point transformers.js at the chosen location. env is global to the library: set it before each load. */
export function configureEnvironment(location: ModelLocation): void {
  if (location.from === 'site') {
    env.allowLocalModels = true;
    env.localModelPath = location.localModelPath;
    env.allowRemoteModels = false;
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = location.remoteHost;
  }
}
