// A labelled progress bar; without a total it shows an indeterminate bar.
interface Props {
  label: string;
  value?: number;
  max?: number;
  detail?: string;
}

export function ProgressBar({ label, value, max, detail }: Props) {
  const determinate = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        {detail && <span className="muted">{detail}</span>}
      </div>
      {determinate ? <progress aria-label={label} value={value} max={max} /> : <progress aria-label={label} />}
    </div>
  );
}
