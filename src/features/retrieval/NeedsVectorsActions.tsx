// The ways forward when a vector or hybrid question finds no vectors yet: keyword search right away (no
// model), the built-in embedder (no download), or a model of step 3.
import { useTranslation } from 'react-i18next';
import { ask } from '../../state/flows/ask';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { BUILTIN_LSA_MODEL_ID } from '@openbook/core/lsa/builtinLsa';
import { scrollBehavior } from '../../state/view/scrollBehavior';

export function NeedsVectorsActions() {
  const { t, i18n } = useTranslation();
  const searchByKeywords = () => {
    useRetrievalStore.getState().setSearch({ mode: 'keyword' });
    useRetrievalStore.setState({ error: null });
    void ask(i18n.language);
  };
  const embedBuiltIn = async () => {
    useRetrievalStore.setState({ error: null });
    const index = useIndexStore.getState();
    index.setModel(BUILTIN_LSA_MODEL_ID);
    await index.embedAndIndex();
    if (useIndexStore.getState().indexedChunks.size > 0) await ask(i18n.language);
  };
  const chooseModel = () => {
    useRetrievalStore.setState({ error: null });
    document.getElementById('embedding')?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
  };
  return (
    <div className="row" data-testid="needs-vectors-actions">
      <button type="button" onClick={searchByKeywords}>
        {t('ask.actions.keyword')}
      </button>
      <button type="button" className="secondary" onClick={() => void embedBuiltIn()}>
        {t('ask.actions.builtin')}
      </button>
      <button type="button" className="secondary" onClick={chooseModel}>
        {t('ask.actions.chooseModel')}
      </button>
    </div>
  );
}
