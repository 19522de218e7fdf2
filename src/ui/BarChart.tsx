// A small accessible SVG bar chart of values in 0..1, grouped (e.g. hit rate and MRR per configuration):
// a title and a description for screen readers, each bar's value written beside it, and the figures also
// as a list of text.
import { useId } from 'react';

export interface BarGroup {
  label: string;
  /** One value (0..1, or null for none) per series. */
  values: readonly (number | null)[];
}

interface Props {
  title: string;
  description: string;
  series: readonly string[];
  groups: readonly BarGroup[];
  format: (x: number) => string;
  width?: number;
}

const ROW = 16;
/** Room for a group's label, in Latin characters (a CJK character takes two). */
const LABEL_ROOM = 24;

function shortLabel(label: string): string {
  let width = 0;
  let out = '';
  for (const ch of label) {
    width += /[\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1;
    if (width > LABEL_ROOM - 1) return `${out}…`;
    out += ch;
  }
  return out;
}
const LABEL = 150;

export function BarChart({ title, description, series, groups, format, width = 480 }: Props) {
  const id = useId();
  const groupHeight = series.length * ROW + 10;
  const height = groups.length * groupHeight + 4;
  const barMax = width - LABEL - 90;
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {groups.map((g, gi) => (
          <g key={gi} transform={`translate(0, ${gi * groupHeight + 2})`}>
            <text className="chart-tick" x={0} y={ROW - 3}>
              {shortLabel(g.label)}
            </text>
            {series.map((s, si) => {
              const v = g.values[si] ?? null;
              return (
                <g key={s} transform={`translate(${LABEL}, ${si * ROW})`}>
                  <rect className={`chart-bar chart-bar-${si}`} x={0} y={2} height={ROW - 4} width={v === null ? 0 : Math.max(1, v * barMax)} />
                  <text className="chart-tick" x={(v ?? 0) * barMax + 4} y={ROW - 4}>
                    {s} {v === null ? '—' : format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <ul className="visually-hidden">
        {groups.map((g, gi) => (
          <li key={gi}>
            {g.label}: {series.map((s, si) => `${s} ${g.values[si] === null || g.values[si] === undefined ? '—' : format(g.values[si]!)}`).join(', ')}
          </li>
        ))}
      </ul>
    </figure>
  );
}
