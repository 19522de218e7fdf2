// Choosing the generation engine, with one line on why the default is what it is on this device.
import { useTranslation } from 'react-i18next';
import { GENERATION_ENGINES } from '../../state/generation/generationEngines';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useGpuStore } from '../../state/models/gpuStore';
import { engineLabel } from './engineLabel';

export function EnginePicker({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const engine = useGenerationStore((s) => s.engine);
  const setEngine = useGenerationStore((s) => s.setEngine);
  const caps = useGpuStore((s) => s.caps);

  const reason = !caps
    ? t('generation.engine.detecting')
    : caps.adapter
      ? t(caps.software ? 'generation.engine.why.software' : 'generation.engine.why.webgpu', { adapter: caps.adapterName ?? '?' })
      : t(caps.webgpu ? 'generation.engine.why.noAdapter' : 'generation.engine.why.noWebgpu');

  return (
    <fieldset className="engine-picker" disabled={disabled}>
      <legend>{t('generation.engine.label')}</legend>
      <div className="row">
        {GENERATION_ENGINES.map((e) => (
          <label key={e} className="choice">
            <input type="radio" name="generation-engine" value={e} checked={engine === e} onChange={() => setEngine(e)} />
            {engineLabel(t, e)}
          </label>
        ))}
      </div>
      <p className="muted small" data-testid="engine-reason">
        {reason}
      </p>
    </fieldset>
  );
}
