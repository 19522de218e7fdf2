// One retrieved chunk as a card: its whole text first (the question's terms marked), then where it comes
// from (document, section or pages, position: a button that shows it in its document), its scores in
// words, and why it is at this rank.
import { useTranslation } from 'react-i18next';
import type { ScoredChunk } from '@openbook/core/types';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import type { ScoreStage } from '@openbook/core/retrieval/stages';
import { whyHere } from '@openbook/core/retrieval/whyHere';
import { sectionLabel } from '@openbook/core/chunkMeta';
import { formatNumber } from '@openbook/core/format';
import { showChunkInDocument } from '../../state/chunks/showChunk';
import { HighlightedText } from './HighlightedText';
import { ResultScores } from './ResultScores';
import { whyHereText } from './whyHereText';

interface Props {
  result: ScoredChunk;
  question: string;
  config: RetrievalConfig;
  stages: ScoreStage[];
  documentName: string;
  focused: boolean;
}

export function ResultCard({ result, question, config, stages, documentName, focused }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const n = (x: number) => formatNumber(x, locale);
  const { chunk } = result;
  const meta = chunk.meta;
  const where: string[] = [];
  const section = sectionLabel(meta);
  if (section) where.push(t('results.section', { section }));
  if (meta?.pageStart !== undefined) {
    const end = meta.pageEnd ?? meta.pageStart;
    where.push(end === meta.pageStart ? t('search.page', { page: n(meta.pageStart) }) : t('search.pages', { from: n(meta.pageStart), to: n(end) }));
  }
  return (
    <li className={`result-card${focused ? ' focused' : ''}`} aria-current={focused || undefined} data-rank={result.rank}>
      <p className="result-text" lang={/[\p{Script=Han}]/u.test(chunk.text) ? 'zh' : undefined}>
        <HighlightedText text={chunk.text} question={question} />
      </p>
      <p className="result-where small">
        <span className="result-rank">{t('results.rank', { rank: n(result.rank) })}</span>
        <span className="result-doc">{documentName}</span>
        {where.map((w) => (
          <span key={w} className="result-section">
            {w}
          </span>
        ))}
        <button type="button" className="link-button" onClick={() => showChunkInDocument(chunk.docId, chunk.id)}>
          {t('ask.position', { index: n(chunk.index + 1), start: n(chunk.start), end: n(chunk.end) })}
        </button>
      </p>
      <ResultScores result={result} config={config} stages={stages} />
      <p className="result-why small" data-testid="why-here">
        {t('results.why', { reason: whyHereText(t, locale, whyHere(result.ranks ?? {}, config)) })}
      </p>
    </li>
  );
}
