// Step 2: splitting documents into chunks.
import { useTranslation } from 'react-i18next';
import { StepCard } from '../layout/StepCard';
import { ChunkSettings } from './ChunkSettings';
import { ChunkList } from './ChunkList';

export function ChunksStep() {
  const { t } = useTranslation();
  return (
    <StepCard step={2} id="chunks" title={t('chunks.title')} subtitle={t('chunks.subtitle')}>
      <ChunkSettings />
      <ChunkList />
    </StepCard>
  );
}
