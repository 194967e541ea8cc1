import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary } from '@crosspoint/protocol';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { isOneOf } from '../../ui/oneOf.ts';

type Count = DeviceSummary['byOrganization'][number];
const sortKeys = ['worst', 'name', 'count'] as const;
type SortKey = (typeof sortKeys)[number];

const compare: Record<SortKey, (a: Count, b: Count) => number> = {
  // The hub sends them worst first: most Down, then most with issues, then most devices.
  worst: () => 0,
  name: (a, b) => a.organization.name.localeCompare(b.organization.name),
  count: (a, b) => b.count - a.count,
};

/** One bar per organization: Down, Issues and Healthy side by side, in proportion. */
function HealthBar({ c }: { c: Count }) {
  const healthy = Math.max(0, c.count - c.down - c.issues);
  const width = (n: number) => `${String(c.count ? (100 * n) / c.count : 0)}%`;
  return (
    <span className="health-bar" aria-hidden="true">
      <span className="down" style={{ width: width(c.down) }} />
      <span className="issues" style={{ width: width(c.issues) }} />
      <span className="healthy" style={{ width: width(healthy) }} />
    </span>
  );
}

/**
 * A support organization's clients by how they are doing, worst first (which clients need someone
 * now), each opening the roll-up's device list filtered to that client.
 */
export function OrganizationCounts({ counts }: { counts: Count[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('worst');
  const term = search.trim().toLowerCase();
  const rows = counts
    .filter((c) => !term || c.organization.name.toLowerCase().includes(term))
    .sort(compare[sort]);
  const open = (c: Count, filter = '') =>
    `/devices?organizationId=${encodeURIComponent(c.organization.id)}${filter}`;
  const columns: Column<Count>[] = [
    {
      key: 'organization',
      label: t('devices.columns.organization'),
      render: (c) => <Link to={open(c)}>{c.organization.name}</Link>,
    },
    {
      key: 'down',
      label: t('groups.down'),
      render: (c) => (c.down ? <Link to={open(c, '&group=down')}>{c.down}</Link> : 0),
    },
    {
      key: 'issues',
      label: t('groups.issues'),
      render: (c) => (c.issues ? <Link to={open(c, '&group=issues')}>{c.issues}</Link> : 0),
    },
    { key: 'count', label: t('dashboard.devices'), render: (c) => c.count },
    { key: 'health', label: t('dashboard.health'), render: (c) => <HealthBar c={c} /> },
  ];
  return (
    <>
      <div className="card-tools">
        <input
          type="search"
          aria-label={t('dashboard.searchOrganizations')}
          placeholder={t('dashboard.searchOrganizations')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label={t('dashboard.sortOrganizations')}
          value={sort}
          onChange={(e) => {
            if (isOneOf(sortKeys, e.target.value)) setSort(e.target.value);
          }}
        >
          <option value="worst">{t('dashboard.sortWorst')}</option>
          <option value="name">{t('dashboard.sortName')}</option>
          <option value="count">{t('dashboard.sortCount')}</option>
        </select>
      </div>
      <DataTable
        label={t('dashboard.byOrganization')}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.organization.id}
        compact
        empty={term ? t('dashboard.noOrganizationMatch') : t('dashboard.noClientDevices')}
      />
    </>
  );
}
