import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Location } from '@crosspoint/protocol';
import { toggled } from '../../ui/toggled.ts';

interface Count {
  locationId: string | null;
  count: number;
  down: number;
  issues: number;
}

/** Locations as an expandable tree table, each counting its devices and those of the places inside it. */
export function LocationCounts({ locations, counts }: { locations: Location[]; counts: Count[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const direct = new Map(counts.map((c) => [c.locationId ?? 'none', c]));
  const children = (id: string | null) => locations.filter((l) => l.parentId === id);
  const total = (id: string): Count =>
    children(id)
      .map((c) => total(c.id))
      .reduce(
        (a, b) => ({
          locationId: id,
          count: a.count + b.count,
          down: a.down + b.down,
          issues: a.issues + b.issues,
        }),
        direct.get(id) ?? { locationId: id, count: 0, down: 0, issues: 0 },
      );
  const rows: { l: Location; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const l of children(parent)) {
      rows.push({ l, depth });
      if (open.has(l.id)) walk(l.id, depth + 1);
    }
  };
  walk(null, 0);
  const unassigned = direct.get('none');
  if (locations.length === 0 && !unassigned)
    return <p className="empty-state">{t('dashboard.noLocations')}</p>;
  const toggle = (id: string) => setOpen(toggled(open, id));
  return (
    <table className="table" aria-label={t('dashboard.locations')}>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.location')}</th>
          <th scope="col">{t('dashboard.devices')}</th>
          <th scope="col">{t('groups.down')}</th>
          <th scope="col">{t('groups.issues')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ l, depth }) => {
          const c = total(l.id);
          return (
            <tr key={l.id}>
              <td style={{ paddingLeft: `${String(0.75 + depth * 1.25)}rem` }}>
                {children(l.id).length > 0 ? (
                  <button
                    type="button"
                    className="link tree-toggle"
                    aria-expanded={open.has(l.id)}
                    aria-label={
                      open.has(l.id)
                        ? t('common.collapse', { name: l.name })
                        : t('common.expand', { name: l.name })
                    }
                    onClick={() => toggle(l.id)}
                  >
                    {open.has(l.id) ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="tree-spacer" />
                )}
                <Link to={`/devices?locationId=${l.id}`}>{l.name}</Link>
              </td>
              <td>{c.count}</td>
              <td>{c.down}</td>
              <td>{c.issues}</td>
            </tr>
          );
        })}
        {unassigned && (
          <tr>
            <td>
              <span className="tree-spacer" />
              {t('common.noLocation')}
            </td>
            <td>{unassigned.count}</td>
            <td>{unassigned.down}</td>
            <td>{unassigned.issues}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
