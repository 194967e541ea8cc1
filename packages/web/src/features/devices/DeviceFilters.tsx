import { useTranslation } from 'react-i18next';
import type { DeviceSummary, Location } from '@crosspoint/protocol';
import { statusLabel } from '../../i18n/labels.ts';
import { toggled } from '../../ui/toggled.ts';
import { LocationOptions } from '../locations/LocationOptions.tsx';
import type { Col } from './device-columns.tsx';
import type { FiltersOf } from '../../ui/useCursorList.ts';

/** What the device list can be filtered by, kept in the page's address so a filtered list can be shared. */
export type DeviceListFilters = Pick<
  FiltersOf<'listDevices'>,
  'status' | 'group' | 'model' | 'locationId' | 'kind' | 'organizationId' | 'update'
>;

/** The device list's filters (group, status, model, location, each with its count) and its column chooser. */
export function DeviceFilters({
  filters,
  setFilter,
  summary,
  locations,
  columns,
  hidden,
  setHidden,
}: {
  filters: DeviceListFilters;
  /** An empty value clears the filter. */
  setFilter: (key: keyof DeviceListFilters, value: string) => void;
  summary: DeviceSummary | undefined;
  locations: Location[];
  columns: Col[];
  hidden: Set<string>;
  setHidden: (hidden: Set<string>) => void;
}) {
  const { t } = useTranslation();
  const organizations = summary?.byOrganization ?? [];
  return (
    <>
      {(organizations.length > 0 || filters.organizationId) && (
        <select
          aria-label={t('devices.filterOrganization')}
          value={filters.organizationId ?? ''}
          onChange={(e) => setFilter('organizationId', e.target.value)}
        >
          <option value="">{t('devices.anyOrganization')}</option>
          {[...organizations]
            .sort((a, b) => a.organization.name.localeCompare(b.organization.name))
            .map((o) => (
              <option key={o.organization.id} value={o.organization.id}>
                {o.organization.name} ({o.count})
              </option>
            ))}
        </select>
      )}
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
        {(summary?.byStatus ?? []).map((s) => (
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
        {(summary?.byModel ?? []).map((m) => (
          <option key={m.model} value={m.model}>
            {m.model} ({m.count})
          </option>
        ))}
      </select>
      <select
        aria-label={t('devices.filterFirmware')}
        value={filters.update ?? ''}
        onChange={(e) => setFilter('update', e.target.value)}
      >
        <option value="">{t('devices.anyFirmware')}</option>
        <option value="available">{t('devices.updateAvailable')}</option>
      </select>
      <select
        aria-label={t('devices.filterLocation')}
        value={filters.locationId ?? ''}
        onChange={(e) => setFilter('locationId', e.target.value)}
      >
        <option value="">{t('devices.anyLocation')}</option>
        <LocationOptions locations={locations} />
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
    </>
  );
}
