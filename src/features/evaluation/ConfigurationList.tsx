// The configurations an evaluation compares.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { ConfigurationEditor } from './ConfigurationEditor';

export function ConfigurationList() {
  const { t } = useTranslation();
  const configurations = useEvaluationStore((s) => s.configurations);
  const add = useEvaluationStore((s) => s.addConfiguration);
  const running = useEvaluationStore((s) => s.phase === 'running');
  return (
    <div className="configurations">
      <h3>{t('evaluation.configurations.title')}</h3>
      <ol className="configuration-list" aria-label={t('evaluation.configurations.listLabel')}>
        {configurations.map((c, i) => (
          <ConfigurationEditor key={c.id} configuration={c} n={i + 1} />
        ))}
      </ol>
      <button type="button" className="secondary" disabled={running} onClick={add}>
        {t('evaluation.configurations.add')}
      </button>
    </div>
  );
}
