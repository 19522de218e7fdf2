// The prompt exactly as it will be sent, with the inserted chunks and question visibly marked.
import { useTranslation } from 'react-i18next';
import type { FilledPrompt } from '@openbook/core/prompt';
import { CopyPromptButton } from './CopyPromptButton';

export function FilledPromptView({ prompt }: { prompt: FilledPrompt }) {
  const { t } = useTranslation();
  return (
    <figure className="filled-prompt">
      <figcaption>
        {t('prompt.filled')} <span className="muted small">{t('prompt.filledLength', { count: [...prompt.text].length })}</span>{' '}
        <CopyPromptButton text={prompt.text} />
      </figcaption>
      <pre id="filled-prompt" role="region" aria-label={t('prompt.filled')} data-testid="filled-prompt" tabIndex={0}>
        {prompt.segments.map((seg, i) => {
          if (seg.kind === 'chunk')
            return (
              <mark key={i} className="inserted-chunk" title={t('prompt.insertedChunk', { n: seg.chunkNumber ?? '?' })} data-chunk={seg.chunkNumber}>
                {seg.text}
              </mark>
            );
          if (seg.kind === 'question')
            return (
              <mark key={i} className="inserted-question" title={t('prompt.insertedQuestion')}>
                {seg.text}
              </mark>
            );
          if (seg.kind === 'context-label')
            return (
              <span key={i} className="context-label">
                {seg.text}
              </span>
            );
          return <span key={i}>{seg.text}</span>;
        })}
      </pre>
      <p className="legend small">
        <mark className="inserted-chunk">{t('prompt.legendChunk')}</mark> <mark className="inserted-question">{t('prompt.legendQuestion')}</mark>
      </p>
    </figure>
  );
}
