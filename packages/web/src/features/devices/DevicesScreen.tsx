import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deviceGroups, deviceSortKeys, type DeviceRow } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatTotal } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../../ui/ListToolbar.tsx';
import { prefetchCursorList, useCursorList } from '../../ui/useCursorList.ts';
import type { ScreenPrefetch } from '../../app/lazy-screen.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { isOneOf } from '../../ui/oneOf.ts';
import { toCsv } from './devices-csv.ts';
import { toggled } from '../../ui/toggled.ts';
import { deviceCount } from './device-count.ts';
import { locationsQuery, useLocations } from '../locations/queries.ts';
import { deviceSummaryQuery, useDeviceSummary } from './queries.ts';
import { deviceColumns } from './device-columns.tsx';
import { DeviceFilters, type DeviceListFilters } from './DeviceFilters.tsx';
import { SelectionBar } from './SelectionBar.tsx';

const deviceKinds = ['pro-audio', 'video'] as const;

/**
 * The list's filters and sort from the page's address: a value the hub does not take (an edited or
 * stale link) is left out rather than sent, so the list still shows.
 */
function fromAddress(params: URLSearchParams) {
  const value = (key: string) => params.get(key) || undefined;
  const oneOf = <S extends string>(keys: readonly S[], key: string): S | undefined => {
    const v = params.get(key);
    return v !== null && isOneOf(keys, v) ? v : undefined;
  };
  const filters: DeviceListFilters = {
    status: value('status'),
    group: oneOf(deviceGroups, 'group'),
    model: value('model'),
    locationId: value('locationId'),
    kind: oneOf(deviceKinds, 'kind'),
    organizationId: value('organizationId'),
    update: oneOf(['available'] as const, 'update'),
  };
  return {
    filters,
    sort: oneOf(deviceSortKeys, 'sort') ?? 'name',
    order: oneOf(['asc', 'desc'], 'order') ?? 'asc',
  };
}

/** The list's query from the page's address: the search box starts empty. */
const listParamsOf = (params: URLSearchParams) => {
  const { filters, sort, order } = fromAddress(params);
  return { search: '', sort, order, ...filters };
};

/** Rows per page of the list. */
const pageSize = 100;

/** The Devices screen opened by its address: its list, counts and locations are asked for at once. */
export const prefetchDevicesScreen: ScreenPrefetch = (client, { orgId, search }) => {
  prefetchCursorList(client, 'listDevices', { orgId }, listParamsOf(search), pageSize);
  client.query(deviceSummaryQuery(orgId)).catch(() => undefined);
  client.query(locationsQuery(orgId)).catch(() => undefined);
};

/** Devices › Pro Audio and Video: search, sort, filter per column, choose columns, select, CSV, live. */
export function DevicesScreen() {
  const { t, i18n } = useTranslation();
  const { orgId, can, session } = useOrg();
  // A support organization's list is its roll-up: every client's devices, with their organization.
  const rollup = session.currentOrg?.kind === 'support';
  const columns = deviceColumns(t, i18n.language, orgId, rollup);
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exporting, setExporting] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(search);
  const { filters, sort, order } = fromAddress(params);
  const listParams = { ...listParamsOf(params), search: debounced };
  const list = useCursorList('listDevices', { orgId }, listParams, pageSize, 60_000);
  const summary = useDeviceSummary(orgId);
  const locations = useLocations(orgId);
  const shown = columns.filter((c) => !hidden.has(c.key));
  const setFilter = (key: keyof DeviceListFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // The selection's actions work in the current organization: a client's device in the roll-up is
  // acted on from its own page.
  const selectable = list.items.filter((d) => d.organization.id === orgId);
  const allVisibleSelected = selectable.length > 0 && selectable.every((d) => selected.has(d.id));

  const selectColumn: Column<DeviceRow> = {
    key: 'select',
    label: t('devices.selectAll'),
    header: (
      <input
        type="checkbox"
        aria-label={t('devices.selectAll')}
        checked={allVisibleSelected}
        onChange={() => setSelected(allVisibleSelected ? new Set() : new Set(selectable.map((d) => d.id)))}
      />
    ),
    render: (d) =>
      d.organization.id !== orgId ? null : (
        <input
          type="checkbox"
          aria-label={t('devices.selectOne', { name: d.name })}
          checked={selected.has(d.id)}
          onChange={() => setSelected(toggled(selected, d.id))}
        />
      ),
  };

  const exportCsv = async () => {
    setError(null);
    const rows: DeviceRow[] = [];
    let cursor: string | null | undefined;
    try {
      do {
        const page = await call('listDevices', {
          params: { orgId },
          query: { ...listParams, limit: 500, cursor: cursor ?? undefined },
        });
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
      await call('assignDeviceLocation', {
        params: { orgId },
        body: { deviceIds: [...selected], locationId: locationId === 'none' ? null : locationId },
      });
      setSelected(new Set());
      await client.invalidateQueries({
        predicate: (q) => ['listDevices', 'summary'].includes(String(q.queryKey[0])),
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
        <DeviceFilters
          filters={filters}
          setFilter={setFilter}
          summary={summary.data}
          locations={locations.data?.items ?? []}
          columns={columns}
          hidden={hidden}
          setHidden={setHidden}
        />
      </ListToolbar>
      {selected.size > 0 && (can('locations.manage') || can('devices.command')) && (
        <SelectionBar
          orgId={orgId}
          selected={selected}
          devices={list.items}
          locations={locations.data?.items ?? []}
          onAssign={(locationId) => void assign(locationId)}
          onClear={() => setSelected(new Set())}
        />
      )}
      <FormError error={error ?? list.error} />
      <DataTable
        label={t('devices.table')}
        dense
        columns={rollup && selectable.length === 0 ? shown : [selectColumn, ...shown]}
        rows={list.items}
        rowKey={(d) => d.id}
        selected={(d) => selected.has(d.id)}
        sort={sort}
        order={order}
        onSort={(s, o) => {
          const next = new URLSearchParams(params);
          next.set('sort', s);
          next.set('order', o);
          setParams(next, { replace: true });
        }}
        empty={
          list.isPending
            ? t('devices.loading')
            : debounced || Object.values(filters).some(Boolean)
              ? t('devices.noMatch')
              : rollup
                ? t('devices.emptyRollup')
                : t('devices.empty')
        }
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </section>
  );
}
