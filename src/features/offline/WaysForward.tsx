// What to do when a model could not be downloaded, where the failure is shown: every way forward that works
// without that download. Embedding: the built-in embedder, keyword search, a model folder from disk, another
// download source. Reranking: searching without it, a folder, another source. Chat: a local
// OpenAI-compatible server, or copying the filled prompt into any chat, a folder, another source.
import { useTranslation } from 'react-i18next';
import { BUILTIN_LSA_MODEL_ID } from '@openbook/core/lsa/builtinLsa';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { useRerankStore } from '../../state/retrieval/rerankStore';
import { useGenerationStore } from '../../state/generation/generationStore';
import { scrollBehavior } from '../../state/view/scrollBehavior';

export type WaysForwardKind = 'embedding' | 'reranker' | 'chat';

/** Open a <details> panel by id and bring it into view. */
function openPanel(id: string): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLDetailsElement) element.open = true;
  element?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
}

export function WaysForward({ kind }: { kind: WaysForwardKind }) {
  const { t } = useTranslation();
  const switchToBuiltIn = () => {
    const index = useIndexStore.getState();
    index.setModel(BUILTIN_LSA_MODEL_ID);
    useIndexStore.setState({ error: null });
    void index.embedAndIndex();
  };
  const switchToKeywords = () => {
    useRetrievalStore.getState().setSearch({ mode: 'keyword' });
    document.getElementById('ask')?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
  };
  return (
    <div className="ways-forward" data-testid={`ways-forward-${kind}`}>
      <p className="small">{t('waysForward.intro')}</p>
      <div className="row">
        {kind === 'embedding' && (
          <>
            <button type="button" onClick={switchToBuiltIn}>
              {t('waysForward.builtin')}
            </button>
            <button type="button" className="secondary" onClick={switchToKeywords}>
              {t('waysForward.keyword')}
            </button>
          </>
        )}
        {kind === 'reranker' && (
          <button type="button" onClick={() => useRerankStore.getState().setModel(null)}>
            {t('waysForward.noRerank')}
          </button>
        )}
        {kind === 'chat' && (
          <>
            <button type="button" onClick={() => useGenerationStore.getState().setEngine('openai')}>
              {t('waysForward.endpoint')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => document.getElementById('prompt')?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' })}
            >
              {t('waysForward.copyPrompt')}
            </button>
          </>
        )}
        <button type="button" className="secondary" onClick={() => openPanel('models-panel')}>
          {t('waysForward.importFolder')}
        </button>
        <button type="button" className="secondary" onClick={() => openPanel('model-source')}>
          {t('waysForward.source')}
        </button>
      </div>
    </div>
  );
}
