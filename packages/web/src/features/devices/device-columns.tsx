import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { DeviceRow } from '@crosspoint/protocol';
import { formatDateTime, formatDuration } from '../../format.ts';
import { statusLabel } from '../../i18n/labels.ts';
import { statusTone } from '../../ui/StatusBadge.tsx';
import type { Column } from '../../ui/DataTable.tsx';
import { connectionsText, shortConnectionsText } from './connections.ts';

/** A column of the device list: its cell, and its text in the CSV export. */
export type Col = Column<DeviceRow> & { text: (d: DeviceRow) => string };

/**
 * Where a device's page is: a device of another organization than the current one (a client's, in
 * a support organization's roll-up) is opened in its own organization, without switching to it.
 */
export function devicePath(d: Pick<DeviceRow, 'id' | 'organization'>, currentOrgId: string): string {
  return d.organization.id === currentOrgId
    ? `/devices/${d.id}`
    : `/devices/${d.id}?org=${encodeURIComponent(d.organization.id)}`;
}

/**
 * The device list's columns in the active language (the CSV export uses the same labels); a
 * roll-up (a support organization's list of its clients' devices) has an Organization column.
 */
export function deviceColumns(t: TFunction, lng: string, currentOrgId: string, rollup: boolean): Col[] {
  const organization: Col = {
    key: 'organization',
    label: t('devices.columns.organization'),
    render: (d) => d.organization.name,
    text: (d) => d.organization.name,
  };
  return [
    ...(rollup ? [organization] : []),
    {
      key: 'status',
      label: t('devices.columns.status'),
      sort: 'status',
      render: (d) => (
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
      render: (d) => d.model,
      text: (d) => d.model,
    },
    {
      key: 'name',
      label: t('devices.columns.name'),
      sort: 'name',
      render: (d) => <Link to={devicePath(d, currentOrgId)}>{d.name}</Link>,
      text: (d) => d.name,
    },
    {
      key: 'serial',
      label: t('devices.columns.serial'),
      sort: 'serial',
      render: (d) => d.serial,
      text: (d) => d.serial,
    },
    {
      key: 'connections',
      label: t('devices.columns.connections'),
      sort: 'connections',
      // The last two steps (stack and C-Link or P-Link) on one line; the whole path on hover and in the CSV.
      render: (d) => (
        <span className="nowrap" title={connectionsText(t, d.connections)}>
          {shortConnectionsText(t, d.connections)}
        </span>
      ),
      text: (d) => connectionsText(t, d.connections, ' > '),
    },
    {
      key: 'location',
      label: t('devices.columns.location'),
      sort: 'location',
      render: (d) => d.location?.name ?? '—',
      text: (d) => d.location?.name ?? '',
    },
    {
      key: 'firmware',
      label: t('devices.columns.firmware'),
      sort: 'firmware',
      render: (d) => (
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
    { key: 'ip', label: t('devices.columns.ip'), sort: 'ip', render: (d) => d.ip, text: (d) => d.ip },
  ];
}
