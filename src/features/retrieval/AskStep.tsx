// Step 4: asking a question and retrieving the nearest chunks.
import { useRef, type FormEvent } from 'react';
import { useFocusWhenDone } from '../../ui/useFocusWhenDone';
import { useTranslation } from 'react-i18next';
import { StepCard } from '../../ui/StepCard';
import { MAX_TOP_K, useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { ask } from '../../state/flows/ask';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ResultCards } from './ResultCards';
import { ParentList } from './ParentList';
import { QueryTransformPanel } from './QueryTransformPanel';
import { SearchSettingsPanel } from './SearchSettingsPanel';
import { FilterPanel } from './FilterPanel';
import { RerankSettings } from './RerankSettings';
import { SearchEngineControl } from './SearchEngineControl';
import { ExpertOnly } from '../../ui/ExpertOnly';
import { NeedsVectorsActions } from './NeedsVectorsActions';
import { WaysForward } from '../offline';

export function AskStep() {
  const { t, i18n } = useTranslation();
  const question = useRetrievalStore((s) => s.question);
  const topK = useRetrievalStore((s) => s.topK);
  const phase = useRetrievalStore((s) => s.phase);
  const last = useRetrievalStore((s) => s.last);
  const error = useRetrievalStore((s) => s.error);
  const setQuestion = useRetrievalStore((s) => s.setQuestion);
  const setTopK = useRetrievalStore((s) => s.setTopK);
  const hasIndex = useIndexStore((s) => s.indexedChunks.size > 0);
  const indexedModelId = useIndexStore((s) => s.indexedModelId);
  const mode = useRetrievalStore((s) => s.search.mode);
  const busy = phase === 'loading-model' || phase === 'embedding-query' || phase === 'searching';
  const busyText = {
    'loading-model': t('ask.loadingModel', { model: indexedModelId ?? '' }),
    'embedding-query': t('ask.embeddingQuery'),
    searching: t('ask.searching'),
  };

  const resultsRef = useRef<HTMLDivElement>(null);
  useFocusWhenDone(busy, resultsRef);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void ask(i18n.language);
  };

  return (
    <StepCard step={4} id="ask" title={t('ask.title')} subtitle={t(`results.subtitle.${mode}`)}>
      <form className="ask-form" data-lesson="ask-form" onSubmit={submit}>
        <label className="grow">
          {t('ask.question')}
          <input value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={t('ask.placeholder')} />
        </label>
        <label data-lesson="top-k">
          {t('ask.topK')}
          <input type="number" min={1} max={MAX_TOP_K} value={topK} onChange={(e) => setTopK(Number(e.target.value))} />
        </label>
        <button type="submit" disabled={busy}>
          {t('ask.submit')}
        </button>
      </form>
      <SearchSettingsPanel disabled={busy} />
      <QueryTransformPanel />
      <FilterPanel disabled={busy} />
      <RerankSettings />
      {!hasIndex && <p className="muted small">{t('ask.needIndex')}</p>}
      <ExpertOnly>
        <SearchEngineControl />
      </ExpertOnly>
      {busy && <p className="muted">{busyText[phase]}</p>}
      {error && (
        <Alert level="error" onDismiss={() => useRetrievalStore.setState({ error: null })}>
          <MessageText message={error} />
          {error.key === 'ask.errors.needs-vectors' && <NeedsVectorsActions />}
          {error.key === 'ask.errors.model-load-failed' && <WaysForward kind="embedding" />}
          {error.key === 'rerank.errors.load-failed' && <WaysForward kind="reranker" />}
        </Alert>
      )}
      <div ref={resultsRef} tabIndex={-1} className="focus-target">
        {last && <ResultCards run={last} />}
        {last && <ParentList run={last} />}
      </div>
    </StepCard>
  );
}
