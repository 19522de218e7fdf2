// How every engine answers: the system prompt, temperature, top-p and the answer's maximum length.
import { useTranslation } from 'react-i18next';
import { SAMPLING_LIMITS, systemPromptIn, useSamplingStore } from '../../state/generation/samplingStore';

export function SamplingSettings({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const { temperature, topP, maxTokens, customSystem, set, setSystemPrompt } = useSamplingStore();
  const number = (key: 'temperature' | 'topP' | 'maxTokens', value: number) => (
    <label>
      {t(`sampling.${key}`)}
      <input
        type="number"
        min={SAMPLING_LIMITS[key].min}
        max={SAMPLING_LIMITS[key].max}
        step={SAMPLING_LIMITS[key].step}
        value={value}
        disabled={disabled}
        onChange={(e) => e.target.value !== '' && set({ [key]: Number(e.target.value) })}
      />
    </label>
  );
  return (
    <details className="sampling-settings">
      <summary>{t('sampling.title')}</summary>
      <label>
        {t('sampling.system')}
        <textarea
          value={systemPromptIn(customSystem, i18n.language)}
          rows={2}
          disabled={disabled}
          spellCheck={false}
          onChange={(e) => setSystemPrompt(e.target.value)}
        />
      </label>
      <div className="row">
        <button type="button" className="secondary" disabled={disabled} onClick={() => setSystemPrompt(null)}>
          {t('sampling.systemDefault')}
        </button>
      </div>
      <div className="row align-end">
        {number('temperature', temperature)}
        {number('topP', topP)}
        {number('maxTokens', maxTokens)}
      </div>
      <p className="muted small">{t('sampling.help')}</p>
    </details>
  );
}
