// A chunker and its settings: the chunker picker, then the fields of that chunker. Values are passed up at
// once (the store applies them after a pause in typing); an invalid value is shown with its reason.
import { useTranslation } from 'react-i18next';
import { CHUNKER_KINDS, DEFAULT_CHUNKER_SETTINGS, type ChunkerKind, type ChunkerSettings, type ChunkerSettingsError } from '@openbook/core/chunkers/settings';
import { Alert } from '../../ui/Alert';
import type { SemanticThreshold } from '@openbook/core/chunkers/semantic';

/** How long typing must pause before new settings are applied. */
export const APPLY_DELAY_MS = 300;

interface Props {
  value: ChunkerSettings;
  error: ChunkerSettingsError | null;
  /** `delayMs` 0 for a choice that should apply at once (another chunker), more while typing. */
  onChange(value: ChunkerSettings, delayMs: number): void;
  /** The embedding model whose tokenizer counts tokens, for the token chunker's hint. */
  modelLabel: string | null;
}

export function ChunkerSettingsForm({ value, error, onChange, modelLabel }: Props) {
  const { t } = useTranslation();
  const set = (patch: Record<string, number>) => onChange({ ...value, ...patch } as ChunkerSettings, APPLY_DELAY_MS);
  const field = (label: string, key: string, min: number, step = 1) => (
    <NumberField key={key} label={label} min={min} step={step} value={(value as unknown as Record<string, number>)[key]!} onChange={(n) => set({ [key]: n })} />
  );

  let fields: React.ReactNode[];
  switch (value.kind) {
    case 'recursive':
      fields = [field(t('chunks.size'), 'chunkSize', 20, 10), field(t('chunks.overlap'), 'overlap', 0, 10)];
      break;
    case 'heading':
      fields = [field(t('chunks.size'), 'chunkSize', 20, 10), field(t('chunks.overlap'), 'overlap', 0, 10), field(t('chunkers.splitLevel'), 'splitLevel', 1)];
      break;
    case 'fixed':
      fields = [field(t('chunks.size'), 'size', 20, 10), field(t('chunks.overlap'), 'overlap', 0, 10)];
      break;
    case 'sentence':
      fields = [
        field(t('chunkers.sentences'), 'sentences', 1),
        field(t('chunkers.overlapSentences'), 'overlapSentences', 0),
        field(t('chunkers.maxSize'), 'maxSize', 20, 10),
      ];
      break;
    case 'token':
      fields = [field(t('chunkers.tokens'), 'tokens', 16, 8), field(t('chunkers.overlapTokens'), 'overlapTokens', 0, 4)];
      break;
    case 'semantic':
      fields = [
        <label key="threshold">
          {t('techniques.semantic.threshold')}
          <select
            value={value.threshold}
            onChange={(e) =>
              onChange({ ...value, threshold: e.target.value as SemanticThreshold, amount: e.target.value === 'stddev' ? 1 : 80 }, APPLY_DELAY_MS)
            }
          >
            <option value="percentile">{t('techniques.semantic.percentile')}</option>
            <option value="stddev">{t('techniques.semantic.stddev')}</option>
          </select>
        </label>,
        field(
          t(value.threshold === 'stddev' ? 'techniques.semantic.amountStddev' : 'techniques.semantic.amountPercentile'),
          'amount',
          0,
          value.threshold === 'stddev' ? 0.1 : 1,
        ),
        field(t('techniques.semantic.buffer'), 'buffer', 0),
        field(t('chunkers.maxSize'), 'maxSize', 20, 10),
      ];
      break;
  }
  const hint =
    value.kind === 'token'
      ? modelLabel
        ? t('chunkers.hints.token', { model: modelLabel })
        : t('chunkers.hints.tokenNoModel')
      : value.kind === 'semantic'
        ? t('techniques.semantic.hint')
        : t(`chunkers.hints.${value.kind}`);
  const errorText =
    error &&
    (error === 'semantic-amount-range' || error === 'semantic-buffer-range'
      ? t(`techniques.semantic.errors.${error}`)
      : error in ERRORS_OF_CHUNKERS
        ? t(`chunkers.errors.${error as keyof typeof ERRORS_OF_CHUNKERS}`)
        : t(`chunks.errors.${error as 'not-integer'}`));

  return (
    <div className="chunk-settings">
      <div className="row">
        <label>
          {t('chunkers.chunker')}
          <select value={value.kind} onChange={(e) => onChange(DEFAULT_CHUNKER_SETTINGS[e.target.value as ChunkerKind], 0)}>
            {CHUNKER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'semantic' ? t('techniques.semantic.kind') : t(`chunkers.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        {fields}
      </div>
      <p className="muted small">{hint}</p>
      {errorText && <Alert level="error">{errorText}</Alert>}
    </div>
  );
}

/** Errors worded for every chunker (sizes other than the chunk size included); the rest are step 2's. */
const ERRORS_OF_CHUNKERS = {
  'sentences-range': true,
  'sentence-overlap-range': true,
  'tokens-range': true,
  'token-overlap-range': true,
  'level-range': true,
} as const;

/** A whole-number input; an empty field is NaN, which validation then names. */
function NumberField({ label, min, step, value, onChange }: { label: string; min: number; step: number; value: number; onChange: (n: number) => void }) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        step={step}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
      />
    </label>
  );
}
