import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@crosspoint/protocol';
import { useOrg } from '../../auth/session.tsx';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../../ui/ListToolbar.tsx';
import { useAudit } from './queries.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { formatDateTime } from '../../format.ts';
import { OrganizationFilter, organizationColumn, useRollup } from '../organizations/OrganizationFilter.tsx';

/** Action prefixes the hub filters by, and each one's label (`history.areas.<key>`). */
const areas = [
  ['', 'all'],
  ['auth.', 'auth'],
  ['users.', 'users'],
  ['org.', 'org'],
  ['clients.', 'clients'],
  ['servers.', 'servers'],
  ['locations.', 'locations'],
  ['tokens.', 'tokens'],
  ['license.', 'license'],
] as const;

/** The organization's history: who did what, when, from where; with a chart of activity per day. */
export function HistoryScreen() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const [search, setSearch] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const rollup = useRollup();
  const debounced = useDebounced(search);
  const list = useAudit(orgId, {
    search: debounced,
    organizationId: organizationId || undefined,
    action: action || undefined,
    from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined,
    to: to ? new Date(`${to}T23:59:59`).toISOString() : undefined,
  });
  const perDay = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of list.items) {
      const d = e.at.slice(0, 10);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, value]) => ({ label, value }));
  }, [list.items]);
  const columns: Column<AuditEntry>[] = [
    { key: 'at', label: t('alerts.col.when'), render: (e) => formatDateTime(e.at, i18n.language) },
    ...organizationColumn<AuditEntry>(t('devices.columns.organization'), rollup, (e) => e.organization),
    { key: 'actor', label: t('history.who'), render: (e) => e.actor },
    { key: 'action', label: t('history.action'), render: (e) => <code>{e.action}</code> },
    { key: 'detail', label: t('history.details'), render: (e) => <Detail entry={e} /> },
    { key: 'ip', label: t('history.from'), render: (e) => e.ip ?? '—' },
  ];
  return (
    <section aria-labelledby="history-title">
      <div className="screen-head">
        <h1 id="history-title">{t('nav.history')}</h1>
      </div>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('history.searchPlaceholder')}
        searchLabel={t('history.search')}
        count={t('history.count', { count: list.total })}
        total={list.total}
        shown={list.items.length}
      >
        <OrganizationFilter value={organizationId} onChange={setOrganizationId} />
        <select
          aria-label={t('history.filterArea')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
        >
          {areas.map(([value, key]) => (
            <option key={value} value={value}>
              {t(`history.areas.${key}`)}
            </option>
          ))}
        </select>
        <label className="inline">
          {t('history.from')}{' '}
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-label={t('history.fromDate')}
          />
        </label>
        <label className="inline">
          {t('history.to')}{' '}
          <input
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label={t('history.toDate')}
          />
        </label>
      </ListToolbar>
      {perDay.length > 0 && (
        <figure className="card">
          <figcaption>{t('history.perDayCaption', { count: list.items.length })}</figcaption>
          <BarChart data={perDay} label={t('history.perDay')} />
        </figure>
      )}
      <FormError error={list.error} />
      <DataTable
        label={t('nav.history')}
        columns={columns}
        rows={list.items}
        rowKey={(e) => String(e.id)}
        empty={list.isPending ? t('common.loading') : t('history.empty')}
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </section>
  );
}

function Detail({ entry }: { entry: AuditEntry }) {
  const parts = Object.entries(entry.detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v as string | number | boolean)}`);
  return <span className="muted">{parts.join(', ')}</span>;
}
