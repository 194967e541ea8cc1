/**
 * A small accessible bar chart in SVG with two or more series side by side per label (e.g. Pro
 * Audio and Video devices per day): one image with a name, a legend, each bar's value in its
 * tooltip. The numbers themselves belong in a visible table beside it (`describedBy`).
 */
export function GroupedBarChart({
  labels,
  series,
  label,
  describedBy,
  height = 140,
  tick = (l) => l,
}: {
  labels: string[];
  series: { name: string; className: string; values: number[] }[];
  label: string;
  /** The id of the table that holds the same numbers. */
  describedBy?: string;
  height?: number;
  /** The text under a group (default: the label). */
  tick?: (label: string) => string;
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const bar = 8;
  const group = series.length * bar + 6;
  const axis = 28;
  const width = Math.max(240, axis + labels.length * group);
  return (
    <div className="chart">
      <svg
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        width={width}
        height={height + 24}
        viewBox={`0 0 ${String(width)} ${String(height + 24)}`}
      >
        <text x={0} y={10} className="bar-label">
          {max}
        </text>
        <line x1={axis - 4} x2={width} y1={height} y2={height} className="chart-axis" />
        {labels.map((l, i) => (
          <g key={l}>
            {series.map((s, j) => {
              const value = s.values[i] ?? 0;
              const h = value > 0 ? Math.max(2, (value / max) * (height - 14)) : 0;
              return (
                <rect
                  key={s.name}
                  x={axis + i * group + j * bar}
                  y={height - h}
                  width={bar - 1}
                  height={h}
                  className={s.className}
                >
                  <title>{`${l} · ${s.name}: ${String(value)}`}</title>
                </rect>
              );
            })}
            {i % 2 === 0 && (
              <text
                x={axis + i * group + (series.length * bar) / 2}
                y={height + 16}
                textAnchor="middle"
                className="bar-label"
              >
                {tick(l)}
              </text>
            )}
          </g>
        ))}
      </svg>
      <ul className="legend chart-legend">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" rx="2" className={s.className} />
            </svg>{' '}
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
