import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary, Location } from '@crosspoint/protocol';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { TreeToggle, treeIndent } from '../../ui/TreeToggle.tsx';
import { toggled } from '../../ui/toggled.ts';

/** Devices in one location (not those of the places inside it), as the summary counts them. */
type Count = DeviceSummary['byLocation'][number];

/** A location at its depth in the tree, or the devices in no location. */
type Row = { l: Location; depth: number } | { unassigned: Count };

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
  const rows: Row[] = [];
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
  // The devices in no location come last, in a row of their own.
  const shown: Row[] = [...rows, ...(unassigned ? [{ unassigned }] : [])];
  const countsOf = (row: Row): Count => ('unassigned' in row ? row.unassigned : total(row.l.id));
  const columns: Column<Row>[] = [
    {
      key: 'location',
      label: t('dashboard.location'),
      cellStyle: (row) => treeIndent('l' in row ? row.depth : 0),
      render: (row) =>
        'l' in row ? (
          <>
            <TreeToggle
              name={row.l.name}
              expanded={children(row.l.id).length > 0 ? open.has(row.l.id) : undefined}
              onToggle={() => toggle(row.l.id)}
            />
            <Link to={`/devices?locationId=${row.l.id}`}>{row.l.name}</Link>
          </>
        ) : (
          <>
            <span className="tree-spacer" />
            {t('common.noLocation')}
          </>
        ),
    },
    { key: 'devices', label: t('dashboard.devices'), render: (row) => countsOf(row).count },
    { key: 'down', label: t('groups.down'), render: (row) => countsOf(row).down },
    { key: 'issues', label: t('groups.issues'), render: (row) => countsOf(row).issues },
  ];
  return (
    <DataTable
      label={t('dashboard.locations')}
      columns={columns}
      rows={shown}
      rowKey={(row) => ('l' in row ? row.l.id : 'none')}
    />
  );
}
