// Copies the filled prompt, so it can be used with any chatbot (for instance where WebGPU is missing).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyPromptButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className="copy-prompt">
      <button type="button" className="secondary" onClick={() => void copy()}>
        {state === 'copied' ? t('prompt.copied') : t('prompt.copy')}
      </button>
      {state === 'failed' && (
        <span role="alert" className="small danger-text">
          {t('prompt.copyFailed')}
        </span>
      )}
    </span>
  );
}
