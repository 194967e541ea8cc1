import { useMemo, useState } from 'react';
import type { AuditEntry } from '@crosspoint/protocol';
import { useOrg } from '../auth/session.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { FormError } from '../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../ui/ListToolbar.tsx';
import { useCursorList } from '../ui/useCursorList.ts';
import { useDebounced } from '../ui/useDebounced.ts';
import { BarChart } from '../ui/BarChart.tsx';

const areas = [
  ['', 'All actions'],
  ['auth.', 'Sign-in and terms'],
  ['users.', 'Users'],
  ['org.', 'Organization'],
  ['clients.', 'Client organizations'],
  ['servers.', 'Servers'],
  ['locations.', 'Locations'],
  ['tokens.', 'API tokens'],
  ['license.', 'License'],
] as const;

/** The organization's history: who did what, when, from where; with a chart of activity per day. */
export function HistoryScreen() {
  const { orgId } = useOrg();
  const [search, setSearch] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const debounced = useDebounced(search);
  const list = useCursorList<AuditEntry>(
    'audit',
    `/api/v1/orgs/${orgId}/audit`,
    {
      search: debounced,
      action,
      from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined,
      to: to ? new Date(`${to}T23:59:59`).toISOString() : undefined,
    },
    200,
    15_000,
  );
  const perDay = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of list.items) {
      const d = e.at.slice(0, 10);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, value]) => ({ label, value }));
  }, [list.items]);
  const columns: Column<AuditEntry>[] = [
    { key: 'at', label: 'When', render: (e) => new Date(e.at).toLocaleString() },
    { key: 'actor', label: 'Who', render: (e) => e.actor },
    { key: 'action', label: 'Action', render: (e) => <code>{e.action}</code> },
    { key: 'detail', label: 'Details', render: (e) => <Detail entry={e} /> },
    { key: 'ip', label: 'From', render: (e) => e.ip ?? '—' },
  ];
  return (
    <section aria-labelledby="history-title">
      <div className="screen-head">
        <h1 id="history-title">History</h1>
      </div>
      <ListToolbar search={search} onSearch={setSearch} placeholder="Who, action or object" total={list.total} shown={list.items.length} noun="entries">
        <select aria-label="Filter by area" value={action} onChange={(e) => setAction(e.target.value)}>
          {areas.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label className="inline">
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From date" />
        </label>
        <label className="inline">
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="To date" />
        </label>
      </ListToolbar>
      {perDay.length > 0 && (
        <figure className="card">
          <figcaption>Actions per day ({list.items.length} loaded entries)</figcaption>
          <BarChart data={perDay} label="Actions per day" />
        </figure>
      )}
      <FormError error={list.error} />
      <DataTable label="History" columns={columns} rows={list.items} rowKey={(e) => String(e.id)} empty={list.isPending ? 'Loading…' : 'Nothing recorded for these filters.'} />
      <MoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
    </section>
  );
}

function Detail({ entry }: { entry: AuditEntry }) {
  const parts = Object.entries(entry.detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v as string | number | boolean)}`);
  return <span className="muted">{parts.join(', ')}</span>;
}
