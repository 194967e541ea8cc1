import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DevicePage, DeviceRow, DeviceSummary, Location } from '@crosspoint/protocol';
import { api, query } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { formatDateTime, formatDuration, formatTotal } from '../format.ts';
import { statusLabel } from '../i18n/labels.ts';
import { FormError } from '../ui/FormError.tsx';
import { statusTone } from '../ui/StatusBadge.tsx';
import { ListToolbar, MoreButton } from '../ui/ListToolbar.tsx';
import { useCursorList } from '../ui/useCursorList.ts';
import { useDebounced } from '../ui/useDebounced.ts';
import { toCsv } from './devices-csv.ts';
import { toggled } from '../ui/toggled.ts';
import { DeviceActions } from './DeviceActions.tsx';
import { deviceCount } from './device-count.ts';

interface Col {
  key: string;
  label: string;
  sort?: string;
  cell: (d: DeviceRow) => React.ReactNode;
  text: (d: DeviceRow) => string;
}

/** The device list's columns in the active language (the CSV export uses the same labels). */
function deviceColumns(t: TFunction, lng: string): Col[] {
  return [
    {
      key: 'status',
      label: t('devices.columns.status'),
      sort: 'status',
      cell: (d) => (
        <span
          className={`badge ${statusTone(d.status)}`}
          title={t('devices.since', { when: formatDateTime(d.since, lng) })}
        >
          {statusLabel(t, d.status)} {formatDuration(Date.now() - Date.parse(d.since), lng)}
        </span>
      ),
      text: (d) => statusLabel(t, d.status),
    },
    {
      key: 'model',
      label: t('devices.columns.model'),
      sort: 'model',
      cell: (d) => d.model,
      text: (d) => d.model,
    },
    {
      key: 'name',
      label: t('devices.columns.name'),
      sort: 'name',
      cell: (d) => <Link to={`/devices/${d.id}`}>{d.name}</Link>,
      text: (d) => d.name,
    },
    {
      key: 'serial',
      label: t('devices.columns.serial'),
      sort: 'serial',
      cell: (d) => d.serial,
      text: (d) => d.serial,
    },
    {
      key: 'connections',
      label: t('devices.columns.connections'),
      sort: 'connections',
      // The last two steps (stack and C-Link or P-Link) on one line; the whole path on hover and in the CSV.
      cell: (d) => (
        <span className="nowrap" title={d.connections.join(' › ')}>
          {d.connections.length > 2 ? `… › ${d.connections.slice(-2).join(' › ')}` : d.connections.join(' › ')}
        </span>
      ),
      text: (d) => d.connections.join(' > '),
    },
    {
      key: 'location',
      label: t('devices.columns.location'),
      sort: 'location',
      cell: (d) => d.location?.name ?? '—',
      text: (d) => d.location?.name ?? '',
    },
    {
      key: 'firmware',
      label: t('devices.columns.firmware'),
      sort: 'firmware',
      cell: (d) => (
        <>
          {d.firmware}{' '}
          {d.firmwareUpdate && (
            <span className="badge info" title={t('devices.updateVersion', { version: d.firmwareUpdate })}>
              {t('devices.updateAvailable')}
            </span>
          )}
        </>
      ),
      text: (d) =>
        d.firmwareUpdate
          ? t('devices.firmwareWithUpdate', { firmware: d.firmware, version: d.firmwareUpdate })
          : d.firmware,
    },
    { key: 'ip', label: t('devices.columns.ip'), sort: 'ip', cell: (d) => d.ip, text: (d) => d.ip },
  ];
}

/** Devices › Pro Audio and Video: search, sort, filter per column, choose columns, select, CSV, live. */
export function DevicesScreen() {
  const { t, i18n } = useTranslation();
  const columns = deviceColumns(t, i18n.language);
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exporting, setExporting] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(search);
  const filters = {
    status: params.get('status') ?? undefined,
    group: params.get('group') ?? undefined,
    model: params.get('model') ?? undefined,
    locationId: params.get('locationId') ?? undefined,
    kind: params.get('kind') ?? undefined,
  };
  const sort = params.get('sort') ?? 'name';
  const order = (params.get('order') ?? 'asc') as 'asc' | 'desc';
  const listParams = { search: debounced, sort, order, ...filters };
  const list = useCursorList<DeviceRow>('devices', `/api/v1/orgs/${orgId}/devices`, listParams, 100, 60_000);
  const summary = useQuery({
    queryKey: ['summary', orgId],
    queryFn: ({ signal }) => api.get<DeviceSummary>(`/api/v1/orgs/${orgId}/devices/summary`, { signal }),
  });
  const locations = useQuery({
    queryKey: ['locations', orgId],
    queryFn: ({ signal }) => api.get<{ items: Location[] }>(`/api/v1/orgs/${orgId}/locations`, { signal }),
  });
  const shown = columns.filter((c) => !hidden.has(c.key));
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const allVisibleSelected = list.items.length > 0 && list.items.every((d) => selected.has(d.id));

  const exportCsv = async () => {
    setError(null);
    const rows: DeviceRow[] = [];
    let cursor: string | null | undefined;
    try {
      do {
        const page: DevicePage = await api.get<DevicePage>(
          `/api/v1/orgs/${orgId}/devices${query({ ...listParams, limit: 500, cursor })}`,
        );
        rows.push(...page.items);
        setExporting(
          t('devices.exportProgress', {
            done: rows.length,
            total: formatTotal(page.total, page.totalCapped, i18n.language),
          }),
        );
        cursor = page.nextCursor;
      } while (cursor);
      const blob = new Blob([toCsv(shown, rows)], { type: 'text/csv' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `devices-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) {
      setError(e);
    } finally {
      setExporting(null);
    }
  };

  const assign = async (locationId: string) => {
    setError(null);
    try {
      await api.put(`/api/v1/orgs/${orgId}/devices/location`, {
        deviceIds: [...selected],
        locationId: locationId === 'none' ? null : locationId,
      });
      setSelected(new Set());
      await client.invalidateQueries({
        predicate: (q) => ['devices', 'summary'].includes(String(q.queryKey[0])),
      });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby="devices-title">
      <div className="screen-head">
        <h1 id="devices-title">
          {filters.kind === 'video'
            ? t('devices.titleVideo')
            : filters.kind === 'pro-audio'
              ? t('devices.titleProAudio')
              : t('devices.title')}
        </h1>
        <span className="row-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => void list.refetch()}
            disabled={list.isFetching}
          >
            {list.isFetching ? t('common.refreshing') : t('common.refresh')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void exportCsv()}
            disabled={exporting !== null}
          >
            {exporting ? t('devices.exporting', { progress: exporting }) : t('devices.downloadCsv')}
          </button>
        </span>
      </div>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('devices.searchPlaceholder')}
        searchLabel={t('devices.search')}
        count={deviceCount(t, i18n.language, list.total, list.totalCapped)}
        total={list.total}
        shown={list.items.length}
      >
        <select
          aria-label={t('devices.filterGroup')}
          value={filters.group ?? ''}
          onChange={(e) => setFilter('group', e.target.value)}
        >
          <option value="">{t('devices.allGroups')}</option>
          <option value="down">{t('groups.down')}</option>
          <option value="issues">{t('groups.issues')}</option>
          <option value="healthy">{t('groups.healthy')}</option>
          <option value="unmonitored">{t('groups.unmonitored')}</option>
        </select>
        <select
          aria-label={t('common.filterStatus')}
          value={filters.status ?? ''}
          onChange={(e) => setFilter('status', e.target.value)}
        >
          <option value="">{t('devices.anyStatus')}</option>
          {(summary.data?.byStatus ?? []).map((s) => (
            <option key={s.status} value={s.status}>
              {statusLabel(t, s.status)} ({s.count})
            </option>
          ))}
        </select>
        <select
          aria-label={t('devices.filterModel')}
          value={filters.model ?? ''}
          onChange={(e) => setFilter('model', e.target.value)}
        >
          <option value="">{t('devices.anyModel')}</option>
          {(summary.data?.byModel ?? []).map((m) => (
            <option key={m.model} value={m.model}>
              {m.model} ({m.count})
            </option>
          ))}
        </select>
        <select
          aria-label={t('devices.filterLocation')}
          value={filters.locationId ?? ''}
          onChange={(e) => setFilter('locationId', e.target.value)}
        >
          <option value="">{t('devices.anyLocation')}</option>
          {(locations.data?.items ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.path.join(' › ')}
            </option>
          ))}
        </select>
        <details className="columns-menu">
          <summary>{t('devices.columnsMenu')}</summary>
          {columns.map((c) => (
            <label key={c.key} className="check">
              <input
                type="checkbox"
                checked={!hidden.has(c.key)}
                onChange={() => setHidden(toggled(hidden, c.key))}
              />{' '}
              {c.label}
            </label>
          ))}
        </details>
      </ListToolbar>
      {selected.size > 0 && (can('locations.manage') || can('devices.command')) && (
        <div className="selection-bar" role="region" aria-label={t('devices.selection')}>
          <span>{t('devices.selected', { count: selected.size })}</span>
          {can('devices.command') && (
            <DeviceActions
              orgId={orgId}
              deviceIds={[...selected]}
              label={t('devices.count', { count: selected.size })}
              deviceNames={new Map(list.items.map((d) => [d.id, d.name]))}
            />
          )}
          <select
            aria-label={t('devices.assignLabel')}
            defaultValue=""
            onChange={(e) => void assign(e.target.value)}
          >
            <option value="" disabled>
              {t('devices.assign')}
            </option>
            <option value="none">{t('common.noLocation')}</option>
            {(locations.data?.items ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.path.join(' › ')}
              </option>
            ))}
          </select>
          <button type="button" className="link" onClick={() => setSelected(new Set())}>
            {t('devices.clearSelection')}
          </button>
        </div>
      )}
      <FormError error={error ?? list.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('devices.table')}>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('devices.selectAll')}
                  checked={allVisibleSelected}
                  onChange={() =>
                    setSelected(allVisibleSelected ? new Set() : new Set(list.items.map((d) => d.id)))
                  }
                />
              </th>
              {shown.map((c) => {
                const active = c.sort === sort;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={() => {
                        const next = new URLSearchParams(params);
                        next.set('sort', c.sort ?? c.key);
                        next.set('order', active && order === 'asc' ? 'desc' : 'asc');
                        setParams(next, { replace: true });
                      }}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (order === 'desc' ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => (
              <tr key={d.id} aria-selected={selected.has(d.id)}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('devices.selectOne', { name: d.name })}
                    checked={selected.has(d.id)}
                    onChange={() => setSelected(toggled(selected, d.id))}
                  />
                </td>
                {shown.map((c) => (
                  <td key={c.key}>{c.cell(d)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {list.items.length === 0 && (
          <div className="empty-state">
            {list.isPending
              ? t('devices.loading')
              : debounced || Object.values(filters).some(Boolean)
                ? t('devices.noMatch')
                : t('devices.empty')}
          </div>
        )}
      </div>
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </section>
  );
}
