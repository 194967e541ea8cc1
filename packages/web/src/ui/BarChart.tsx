/** A small accessible bar chart in SVG: one bar per label, values in the tooltip and a table for screen readers. */
export function BarChart({
  data,
  label,
  height = 120,
}: {
  data: { label: string; value: number }[];
  label: string;
  height?: number;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const barWidth = 28;
  const gap = 8;
  const width = Math.max(200, data.length * (barWidth + gap));
  return (
    <div className="chart">
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={height + 24}
        viewBox={`0 0 ${String(width)} ${String(height + 24)}`}
      >
        {data.map((d, i) => {
          const h = Math.max(2, (d.value / max) * height);
          const x = i * (barWidth + gap);
          return (
            <g key={d.label}>
              <rect x={x} y={height - h} width={barWidth} height={h} rx={3} className="bar-rect">
                <title>
                  {d.label}: {d.value}
                </title>
              </rect>
              <text x={x + barWidth / 2} y={height + 16} textAnchor="middle" className="bar-label">
                {d.label.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{label}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{d.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
