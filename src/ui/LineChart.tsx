// A small accessible SVG line chart (e.g. a training loss curve): a title and a description for screen
// readers, the axes' ranges written out, and every value also as text in a collapsible list.
import { useId } from 'react';

interface Props {
  title: string;
  description: string;
  values: readonly number[];
  xLabel: string;
  yLabel: string;
  /** How a value is written (axis and list). */
  format: (x: number) => string;
  /** Label of the list of values. */
  valuesLabel: string;
  width?: number;
  height?: number;
}

const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

export function LineChart({ title, description, values, xLabel, yLabel, format, valuesLabel, width = 480, height = 160 }: Props) {
  const id = useId();
  const finite = values.filter(Number.isFinite);
  const min = finite.length ? Math.min(...finite, 0) : 0;
  const max = finite.length ? Math.max(...finite) : 1;
  const span = max - min || 1;
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (values.length > 1 ? (i / (values.length - 1)) * innerW : innerW / 2);
  const y = (v: number) => PAD.top + innerH - ((v - min) / span) * innerH;
  const path = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line className="chart-axis" x1={PAD.left} y1={PAD.top + innerH} x2={width - PAD.right} y2={PAD.top + innerH} />
        <line className="chart-axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + innerH} />
        <text className="chart-tick" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {format(max)}
        </text>
        <text className="chart-tick" x={PAD.left - 4} y={PAD.top + innerH} textAnchor="end">
          {format(min)}
        </text>
        <text className="chart-tick" x={PAD.left} y={height - 6}>
          {xLabel}
        </text>
        <text className="chart-tick" x={4} y={PAD.top + innerH / 2} textAnchor="start">
          {yLabel}
        </text>
        {values.length > 0 && <path className="chart-line" d={path} fill="none" />}
      </svg>
      <details className="chart-values">
        <summary>{valuesLabel}</summary>
        <ol>
          {values.map((v, i) => (
            <li key={i}>{format(v)}</li>
          ))}
        </ol>
      </details>
    </figure>
  );
}
