// A keyword tokeniser on a worker thread for the benchmark: the Node counterpart of the app's
// src/adapters/keywordIndex/tokenizer.worker.ts (the same countTerms). Messages: { id, texts, analysis } in,
// { id, counts } or { id, error } out; { id, clearCache: true } empties tokenize()'s run cache (a cold build). Plain JavaScript that registers tsx, since a worker thread does not
// inherit tsx's loader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { countTerms } = await import('@openbook/core/retrieval/termCounts');
const { clearTokenizeCache } = await import('@openbook/core/retrieval/tokenize');

parentPort.on('message', ({ id, texts, analysis, clearCache }) => {
  try {
    if (clearCache) {
      clearTokenizeCache();
      parentPort.postMessage({ id, cleared: true });
      return;
    }
    const counts = countTerms(texts, analysis);
    parentPort.postMessage({ id, counts }, [counts.start.buffer, counts.termIds.buffer, counts.tf.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
parentPort.postMessage({ ready: true });
