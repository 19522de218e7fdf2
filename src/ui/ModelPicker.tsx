// The one model picker: each model choice with its name, id, availability badge and facts, as radio
// buttons in a fieldset (embedding model, reranker) or as a drop-down whose options carry the same facts
// (chat models, where the list is long). Whatever the kind of model, a choice looks and reads the same.
import { useTranslation } from 'react-i18next';
import type { ModelAvailability } from '@openbook/core/modelAvailability';
import { formatNumber } from '@openbook/core/format';
import { AvailabilityBadge, useAvailabilityText } from './AvailabilityBadge';

export interface ModelChoice {
  id: string;
  /** The model's name as shown (bold in a radio list). */
  name: string;
  /** Whether it can load here; null for a choice that is no model ("None"). */
  availability: ModelAvailability | null;
  /** One line of facts: size, languages, dimension... */
  facts?: string;
  /** A second line, for a choice that needs explaining. */
  help?: string;
  /** Show the id beside the name (radio list). Default true for a model. */
  showId?: boolean;
  /** The drop-down option's text without the availability (default: the name). */
  option?: string;
}

interface Props {
  /** The fieldset's legend, or the drop-down's label. */
  label: string;
  /** The radio group's name (radio list). */
  name: string;
  choices: readonly ModelChoice[];
  value: string;
  onChange(id: string): void;
  disabled: boolean;
  /** 'radios' (the default) or 'select'. */
  variant?: 'radios' | 'select';
}

export function ModelPicker({ label, name, choices, value, onChange, disabled, variant = 'radios' }: Props) {
  const { t } = useTranslation();
  const { label: availabilityLabel } = useAvailabilityText();
  if (variant === 'select') {
    const chosen = choices.find((c) => c.id === value);
    return (
      <label className="grow">
        <span>
          {label} {chosen?.availability && <AvailabilityBadge availability={chosen.availability} />}
        </span>
        <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.availability ? t('availability.option', { model: c.option ?? c.name, availability: availabilityLabel(c.availability) }) : (c.option ?? c.name)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <fieldset className="model-picker" disabled={disabled}>
      <legend>{label}</legend>
      {choices.map((c) => (
        <label key={c.id} className="model-option">
          <input type="radio" name={name} value={c.id} checked={c.id === value} onChange={() => onChange(c.id)} />
          <span className="model-option-text">
            <strong>{c.name}</strong>
            {(c.showId ?? c.availability !== null) && (
              <>
                {' '}
                <code className="muted">{c.id}</code>
              </>
            )}
            {c.availability && (
              <>
                {' '}
                <AvailabilityBadge availability={c.availability} />
              </>
            )}
            {c.facts && <span className="muted small">{c.facts}</span>}
            {c.help && <span className="muted small">{c.help}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Helpers for a model's facts in the interface language: megabytes, and language codes as names. */
export function useModelFacts(): { megabytes(mb: number): string; languages(codes: readonly string[], multilingual: string, note?: string): string } {
  const { i18n } = useTranslation();
  return {
    megabytes: (mb) => (mb < 1 ? '< 1' : formatNumber(mb, i18n.language)),
    // Language codes in the interface language ("English, Chinese" / "英语、中文").
    languages(codes, multilingual, note) {
      if (note) return note;
      if (codes.includes('multilingual')) return multilingual;
      const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
      return new Intl.ListFormat([i18n.language], { style: 'narrow', type: 'conjunction' }).format(codes.map((c) => names.of(c) ?? c));
    },
  };
}
