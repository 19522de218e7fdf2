// Answer quality beside hit rate and MRR: for one evaluated configuration, every question answered with
// and without retrieval by the loaded chat model, judged by a cross-encoder or by the chat model with the
// rubric shown; groundedness, citation correctness, relevance and the RAG gain per question, each
// judgement openable to see its evidence, and a chart per question.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerQualityStore, RELEVANCE_RUBRIC, type AnsweredSide, type JudgeMethod } from '../../state/evaluation/answerQualityStore';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { useGenerationStore } from '../../state/generation/generationStore';
import { meanOf } from '@openbook/core/evaluation/answerQuality';
import { formatNumber } from '@openbook/core/format';
import { Alert } from '../../ui/Alert';
import { BarChart } from '../../ui/BarChart';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';

function Evidence({ side, label }: { side: AnsweredSide; label: string }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language, 2);
  return (
    <div className="evidence">
      <p className="small">
        <strong>{label}</strong> {side.answer || t('answerQuality.evidence.empty')}
      </p>
      <ul className="small">
        {side.judgement.sentences.map((s, i) => (
          <li key={i} data-supported={s.supported}>
            “{s.text}” —{' '}
            {s.best
              ? t(s.supported ? 'answerQuality.evidence.supported' : 'answerQuality.evidence.unsupported', { chunk: s.best.chunk, score: n(s.best.score) })
              : t('answerQuality.evidence.noChunks')}
            {s.citationChecks.map((c) => (
              <span key={c.chunk}>
                {' '}
                {t(c.supports ? 'answerQuality.evidence.citationRight' : 'answerQuality.evidence.citationWrong', { chunk: c.chunk, score: n(c.score) })}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AnswerQualityPanel() {
  const { t, i18n } = useTranslation();
  const runs = useEvaluationStore((s) => s.runs);
  const drilldownId = useEvaluationStore((s) => s.drilldownId);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const s = useAnswerQualityStore();
  const done = runs.filter((r) => r.result);
  if (done.length === 0) return null;
  const selected = done.find((r) => r.configuration.id === drilldownId) ?? done[0]!;
  const busy = s.phase === 'running';
  const num = (x: number | null, digits = 2) => (x === null ? '—' : formatNumber(x, i18n.language, digits));
  const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${formatNumber(x, i18n.language, 2)}`);
  const rows = s.rows;
  const configurationNumber = runs.findIndex((r) => r.configuration.id === (s.ranFor?.configurationId ?? selected.configuration.id)) + 1;

  return (
    <section className="answer-quality" aria-labelledby="answer-quality-title">
      <h3 id="answer-quality-title">{t('answerQuality.title')}</h3>
      <p className="small muted">{t('answerQuality.intro', { n: runs.indexOf(selected) + 1, model: loadedModelId ?? t('answerQuality.noModel') })}</p>
      <fieldset className="row" disabled={busy}>
        <legend>{t('answerQuality.method')}</legend>
        {(['cross-encoder', 'chat-judge'] as JudgeMethod[]).map((m) => (
          <label key={m} className="inline-check">
            <input type="radio" name="answer-quality-method" checked={s.method === m} onChange={() => s.set({ method: m })} /> {t(`answerQuality.methods.${m}`)}
          </label>
        ))}
      </fieldset>
      {s.method === 'cross-encoder' ? (
        <label>
          {t('answerQuality.crossEncoder')}{' '}
          <input type="text" value={s.crossEncoderId} disabled={busy} onChange={(e) => s.set({ crossEncoderId: e.target.value })} />
        </label>
      ) : (
        <>
          <label className="stacked">
            {t('answerQuality.rubric')}
            <textarea rows={7} value={s.rubric} disabled={busy} onChange={(e) => s.set({ rubric: e.target.value })} />
          </label>
          <details className="small">
            <summary>{t('answerQuality.relevanceRubric')}</summary>
            <pre className="chunk-text">{RELEVANCE_RUBRIC}</pre>
          </details>
        </>
      )}
      <p className="small muted">{t(`answerQuality.explain.${s.method}`)}</p>
      <div className="row">
        <label>
          {t('answerQuality.threshold')}{' '}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={Number.isNaN(s.threshold) ? '' : s.threshold}
            disabled={busy}
            onChange={(e) => s.set({ threshold: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
          />
        </label>
        <button type="button" disabled={busy} onClick={() => void s.run(selected.configuration.id, i18n.language)}>
          {t('answerQuality.run')}
        </button>
        {busy && (
          <button type="button" className="secondary" onClick={s.cancel}>
            {t('answerQuality.cancel')}
          </button>
        )}
      </div>
      {busy && s.progress && (
        <ProgressBar
          label={t(`answerQuality.progress.${s.progress.stage}`, { n: s.progress.question + 1, total: s.progress.questions })}
          value={s.progress.question}
          max={s.progress.questions}
        />
      )}
      {rows.length > 0 && s.ranFor && (
        <>
          <div className="table-wrap">
            <table className="results answer-quality-table">
              <caption>
                {t('answerQuality.caption', { n: configurationNumber, method: t(`answerQuality.methods.${s.ranFor.method}`), judge: s.ranFor.judge })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('answerQuality.columns.question')}</th>
                  <th scope="col">{t('answerQuality.columns.groundedness')}</th>
                  <th scope="col">{t('answerQuality.columns.citations')}</th>
                  <th scope="col">{t('answerQuality.columns.relevance')}</th>
                  <th scope="col">{t('answerQuality.columns.plainGroundedness')}</th>
                  <th scope="col">{t('answerQuality.columns.plainRelevance')}</th>
                  <th scope="col">{t('answerQuality.columns.gain')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <Fragment key={r.questionId}>
                    <tr>
                      <th scope="row">
                        {i + 1}. {r.question}
                      </th>
                      <td data-metric="groundedness" data-value={r.rag.judgement.groundedness ?? ''}>
                        {num(r.rag.judgement.groundedness)}
                      </td>
                      <td data-metric="citations" data-value={r.rag.judgement.citationCorrectness ?? ''}>
                        {r.rag.judgement.citations ? `${num(r.rag.judgement.citationCorrectness)} (${r.rag.judgement.citations})` : '—'}
                      </td>
                      <td data-metric="relevance" data-value={r.rag.judgement.relevance ?? ''}>
                        {num(r.rag.judgement.relevance)}
                      </td>
                      <td data-metric="plain-groundedness" data-value={r.plain.judgement.groundedness ?? ''}>
                        {num(r.plain.judgement.groundedness)}
                      </td>
                      <td data-metric="plain-relevance" data-value={r.plain.judgement.relevance ?? ''}>
                        {num(r.plain.judgement.relevance)}
                      </td>
                      <td data-metric="gain" data-value={r.gain.groundedness ?? ''}>
                        {t('answerQuality.gain', { groundedness: signed(r.gain.groundedness), relevance: signed(r.gain.relevance) })}
                      </td>
                    </tr>
                    <tr className="evidence-row">
                      <td colSpan={7}>
                        <details className="answer-evidence">
                          <summary>{t('answerQuality.evidence.open', { n: i + 1 })}</summary>
                          <Evidence side={r.rag} label={t('answerQuality.evidence.rag')} />
                          <Evidence side={r.plain} label={t('answerQuality.evidence.plain')} />
                          <ol className="small">
                            {r.chunks.map((c, j) => (
                              <li key={j}>
                                {c.documentName}: {c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text}
                              </li>
                            ))}
                          </ol>
                        </details>
                      </td>
                    </tr>
                  </Fragment>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('answerQuality.mean')}</th>
                  <td>{num(meanOf(rows.map((r) => r.rag.judgement.groundedness)))}</td>
                  <td>{num(meanOf(rows.map((r) => r.rag.judgement.citationCorrectness)))}</td>
                  <td>{num(meanOf(rows.map((r) => r.rag.judgement.relevance)))}</td>
                  <td>{num(meanOf(rows.map((r) => r.plain.judgement.groundedness)))}</td>
                  <td>{num(meanOf(rows.map((r) => r.plain.judgement.relevance)))}</td>
                  <td>
                    {t('answerQuality.gain', {
                      groundedness: signed(meanOf(rows.map((r) => r.gain.groundedness))),
                      relevance: signed(meanOf(rows.map((r) => r.gain.relevance))),
                    })}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <BarChart
            title={t('answerQuality.chart.title')}
            description={t('answerQuality.chart.description')}
            series={[t('answerQuality.chart.groundedness'), t('answerQuality.chart.relevance')]}
            groups={rows.map((r, i) => ({ label: `${i + 1}. ${r.question}`, values: [r.rag.judgement.groundedness, r.rag.judgement.relevance] }))}
            format={(x) => formatNumber(x, i18n.language, 2)}
          />
        </>
      )}
      {s.error && (
        <Alert level="error" onDismiss={() => useAnswerQualityStore.setState({ error: null })}>
          <MessageText message={s.error} />
        </Alert>
      )}
      {s.notice && (
        <Alert level="info" onDismiss={() => useAnswerQualityStore.setState({ notice: null })}>
          <MessageText message={s.notice} />
        </Alert>
      )}
    </section>
  );
}
