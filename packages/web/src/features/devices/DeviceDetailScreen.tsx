import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { formatDateTime, formatDuration } from '../../format.ts';
import { errorMessage, statusLabel } from '../../i18n/labels.ts';
import { DeviceActions } from './DeviceActions.tsx';
import { statusTone } from '../../ui/StatusBadge.tsx';
import { useNow } from '../../ui/useNow.ts';
import { useDevice, useDeviceAvailability } from './queries.ts';
import { AvailabilityChart, shareOf } from './AvailabilityChart.tsx';
import { connectionStepLabel } from './connections.ts';
import { ConfigurationVersions } from '../configurations/ConfigurationVersions.tsx';
import { DeviceJobs } from './DeviceJobs.tsx';
import { availability } from './availability.ts';
import { formatNumber } from '../../format.ts';

/** One device: its facts, where it sits (Server › Subnet › Stack › C-Link › P-Link), and its status timeline. */
/** "Down for 5 minutes": the device's status and how long it has had it, counting on. */
function StatusFor({ status, since }: { status: string; since: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <span className={`badge ${statusTone(status)}`} data-testid="device-status">
      {t('device.statusFor', {
        status: statusLabel(t, status),
        duration: formatDuration(now - Date.parse(since), i18n.language),
      })}
    </span>
  );
}

const day = 86_400_000;

/**
 * Available (not Down, restarting, updating or unmonitored) over the last 24 hours, from the status
 * timeline, and over the last 7 and 30 UTC days (today so far included), from the hub's daily sums
 * (the timeline holds the last 200 changes only); the 30 days as a chart too.
 */
function Availability({
  history,
  orgId,
  deviceId,
}: {
  history: { status: string; since: string }[];
  orgId: string;
  deviceId: string;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const perDay = useDeviceAvailability(orgId, deviceId);
  const days = perDay.data?.days;
  const overDays = (n: number): number | null => {
    if (!days) return null;
    const last = days.slice(-n);
    return shareOf({
      knownSeconds: last.reduce((s, d) => s + d.knownSeconds, 0),
      availableSeconds: last.reduce((s, d) => s + d.availableSeconds, 0),
    });
  };
  const windows = [
    { key: 'day', share: availability(history, now, day) },
    { key: 'week', share: overDays(7) },
    { key: 'month', share: overDays(30) },
  ] as const;
  return (
    <>
      <dl className="facts" aria-label={t('device.availability')} data-testid="availability">
        {windows.map((w) => (
          <div key={w.key}>
            <dt>{t(`device.availabilityOver.${w.key}`)}</dt>
            <dd>
              {w.share === null
                ? '—'
                : formatNumber(w.share, i18n.language, { style: 'percent', maximumFractionDigits: 2 })}
            </dd>
          </div>
        ))}
      </dl>
      {days && <AvailabilityChart days={days} />}
      {perDay.isError && (
        <p role="alert" className="error">
          {errorMessage(t, i18n.language, perDay.error)}
        </p>
      )}
    </>
  );
}

export function DeviceDetailScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { orgId: currentOrgId, can } = useOrg();
  const { deviceId = '' } = useParams();
  // A client's device opened from a support organization's roll-up: read in the client's organization.
  const [params] = useSearchParams();
  const orgId = params.get('org') || currentOrgId;
  const detail = useDevice(orgId, deviceId);
  if (detail.isPending) return <p role="status">{t('device.loading')}</p>;
  if (detail.isError) {
    return (
      <p role="alert" className="error">
        {errorMessage(t, lng, detail.error)} <Link to="/devices">{t('device.backToDevices')}</Link>
      </p>
    );
  }
  const { device: d, history } = detail.data;
  return (
    <section aria-labelledby="device-title">
      <p>
        <Link to="/devices">← {t('devices.title')}</Link>
      </p>
      <div className="screen-head">
        <h1 id="device-title">{d.name}</h1>
        <StatusFor status={d.status} since={d.since} />
      </div>
      <nav aria-label={t('devices.columns.connections')} className="crumbs">
        {d.connections.map((c, i) => (
          <span key={`${c.kind}-${String(i)}`}>
            {i > 0 && ' › '}
            {connectionStepLabel(t, c)}
          </span>
        ))}
      </nav>
      <dl className="facts" aria-label={t('device.facts')}>
        <dt>{t('devices.columns.model')}</dt>
        <dd>{d.model}</dd>
        <dt>{t('devices.columns.serial')}</dt>
        <dd>{d.serial}</dd>
        <dt>{t('devices.columns.firmware')}</dt>
        <dd>
          {d.firmware}
          {d.firmwareUpdate && (
            <span className="badge info"> {t('device.updateAvailable', { version: d.firmwareUpdate })}</span>
          )}
        </dd>
        <dt>{t('devices.columns.ip')}</dt>
        <dd>{d.ip}</dd>
        <dt>{t('devices.columns.organization')}</dt>
        <dd>{d.organization.name}</dd>
        <dt>{t('devices.columns.location')}</dt>
        <dd>{d.location?.name ?? '—'}</dd>
        <dt>{t('device.lastReport')}</dt>
        <dd>{formatDateTime(d.lastSeenAt, lng)}</dd>
      </dl>
      {can('devices.command') && (
        <>
          <h2>{t('device.actions')}</h2>
          <DeviceActions orgId={orgId} deviceIds={[d.id]} label={d.name} />
        </>
      )}
      <ConfigurationVersions orgId={orgId} deviceId={d.id} deviceName={d.name} model={d.model} />
      <DeviceJobs orgId={orgId} deviceId={d.id} />
      <h2>{t('device.history')}</h2>
      <Availability history={history} orgId={orgId} deviceId={d.id} />
      <ol className="timeline" aria-label={t('device.history')}>
        {history.map((h, i) => (
          <li key={`${h.since}-${String(i)}`}>
            <span className={`badge ${statusTone(h.status)}`}>{statusLabel(t, h.status)}</span>{' '}
            {t('devices.since', { when: formatDateTime(h.since, lng) })}
          </li>
        ))}
      </ol>
      {history.length === 0 && <p className="empty-state">{t('device.noHistory')}</p>}
    </section>
  );
}
