// Keeps the chunking store's tokenizer in step with the selected embedding model and the model host: the
// token chunker and the token counts use that model's own tokenizer, from where the embedder loads it.
// (Its own module, so that the chunking store does not import the index store, which imports it.)
import type { TokenizerRef } from '../../adapters/chunker/tokenizer';
import type { EmbeddingModelInfo } from '../../adapters/embedder/embedder';
import { setChunkingTokenizer } from './chunkingStore';
import { useIndexStore } from '../embedding/indexStore';
import { MODEL_HOSTS, selectModelHost, useSettingsStore } from '../models/settingsStore';

/** The tokenizer of an embedding model, from where the embedder loads the model. */
export function tokenizerOf(model: EmbeddingModelInfo): TokenizerRef {
  const ref: TokenizerRef = {
    modelId: model.id,
    passagePrefix: model.passagePrefix,
    maxTokens: model.maxTokens,
    source: { remoteHost: selectModelHost(useSettingsStore.getState()) ?? MODEL_HOSTS.huggingface, basePath: import.meta.env.BASE_URL },
  };
  if (model.selfHostedOnly) ref.selfHostedOnly = true;
  if (model.builtin) ref.builtin = true;
  return ref;
}

/** The selected embedding model's tokenizer. */
export function currentTokenizer(): TokenizerRef | null {
  const { models, modelId } = useIndexStore.getState();
  const model = models.find((m) => m.id === modelId);
  return model ? tokenizerOf(model) : null;
}

/** Keep the chunking store's tokenizer in step from now on (started once by src/app/start.ts). */
export function startChunkTokenizerSync(): () => void {
  const sync = () => setChunkingTokenizer(currentTokenizer());
  const stops = [
    useIndexStore.subscribe((s, prev) => {
      if (s.modelId !== prev.modelId || s.models !== prev.models) sync();
    }),
    useSettingsStore.subscribe(sync),
  ];
  sync();
  return () => {
    for (const stop of stops) stop();
  };
}
