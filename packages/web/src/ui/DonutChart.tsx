import { useTranslation } from 'react-i18next';
import type { KeyboardEvent } from 'react';

/**
 * A donut chart in SVG with a legend. With `onSelect`, its slices and legend entries are buttons
 * (click or Enter → `onSelect`); without, they only show. `caption` is the word under the total
 * (default: "devices").
 */
export function DonutChart({
  label,
  slices,
  total,
  onSelect,
  caption,
}: {
  label: string;
  slices: { key: string; label: string; value: number; color: string }[];
  total: number;
  onSelect?: (key: string) => void;
  caption?: string;
}) {
  const { t } = useTranslation();
  const r = 60;
  const c = 2 * Math.PI * r;
  // Each slice starts where the ones before it end.
  const arcs = slices
    .filter((s) => s.value > 0)
    .map((s) => ({ ...s, length: (s.value / Math.max(1, total)) * c }))
    .map((s, i, all) => ({ ...s, offset: all.slice(0, i).reduce((sum, a) => sum + a.length, 0) }));
  return (
    <div className="donut">
      <svg viewBox="0 0 160 160" width="180" height="180" role="group" aria-label={label}>
        <circle cx="80" cy="80" r={r} fill="none" stroke="#e3e8ef" strokeWidth="24" />
        {arcs.map((s) => (
          <circle
            key={s.key}
            cx="80"
            cy="80"
            r={r}
            fill="none"
            stroke={s.color}
            strokeWidth="24"
            strokeDasharray={`${String(s.length)} ${String(c - s.length)}`}
            strokeDashoffset={-s.offset}
            transform="rotate(-90 80 80)"
            {...(onSelect
              ? {
                  role: 'button',
                  // As the DOM spells it: Preact (the runtime behind `react` in the build, see
                  // vite.config.ts) writes SVG attributes as named, and they are case-sensitive.
                  tabindex: 0,
                  className: 'slice',
                  onClick: () => onSelect(s.key),
                  onKeyDown: (e: KeyboardEvent) => {
                    if (e.key === 'Enter' || e.key === ' ') onSelect(s.key);
                  },
                }
              : { role: 'img' })}
            aria-label={`${s.label}: ${String(s.value)}`}
          />
        ))}
        <text x="80" y="78" textAnchor="middle" className="donut-total">
          {total}
        </text>
        <text x="80" y="96" textAnchor="middle" className="donut-caption">
          {caption ?? t('dashboard.donutCaption', { count: total })}
        </text>
      </svg>
      <ul className="legend">
        {slices.map((s) => (
          <li key={s.key}>
            {onSelect ? (
              <button type="button" className="link" onClick={() => onSelect(s.key)}>
                <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.label}:{' '}
                {s.value}
              </button>
            ) : (
              <span>
                <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.label}:{' '}
                {s.value}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
