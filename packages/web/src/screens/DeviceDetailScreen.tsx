import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { DeviceRow } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { formatDuration } from '../format.ts';
import { DeviceActions } from './DeviceActions.tsx';

interface Detail {
  device: DeviceRow;
  history: { status: string; since: string; observedAt: string }[];
}

const tone = (status: string) => (status === 'Down' ? 'down' : status === 'Healthy' ? 'ok' : 'issue');

/** One device: its facts, where it sits (Server › Subnet › Stack › C-Link › P-Link), and its status timeline. */
export function DeviceDetailScreen() {
  const { orgId, can } = useOrg();
  const { deviceId = '' } = useParams();
  const detail = useQuery({
    queryKey: ['device', orgId, deviceId],
    queryFn: ({ signal }) => api.get<Detail>(`/api/v1/orgs/${orgId}/devices/${deviceId}`, { signal }),
  });
  if (detail.isPending) return <p role="status">Loading the device…</p>;
  if (detail.isError) {
    return (
      <p role="alert" className="error">
        {detail.error.message} <Link to="/devices">Back to devices</Link>
      </p>
    );
  }
  const { device: d, history } = detail.data;
  return (
    <section aria-labelledby="device-title">
      <p>
        <Link to="/devices">← Devices</Link>
      </p>
      <div className="screen-head">
        <h1 id="device-title">{d.name}</h1>
        <span className={`badge ${tone(d.status)}`} data-testid="device-status">
          {d.status} for {formatDuration(Date.now() - Date.parse(d.since))}
        </span>
      </div>
      <nav aria-label="Connections" className="crumbs">
        {d.connections.map((c, i) => (
          <span key={`${c}-${String(i)}`}>
            {i > 0 && ' › '}
            {c}
          </span>
        ))}
      </nav>
      <dl className="facts" aria-label="Device facts">
        <dt>Product model</dt>
        <dd>{d.model}</dd>
        <dt>Serial #</dt>
        <dd>{d.serial}</dd>
        <dt>Firmware</dt>
        <dd>
          {d.firmware}
          {d.firmwareUpdate && <span className="badge info"> Update available: {d.firmwareUpdate}</span>}
        </dd>
        <dt>Access IP</dt>
        <dd>{d.ip}</dd>
        <dt>Location</dt>
        <dd>{d.location?.name ?? '—'}</dd>
        <dt>Last report</dt>
        <dd>{new Date(d.lastSeenAt).toLocaleString()}</dd>
      </dl>
      {can('devices.command') && (
        <>
          <h2>Actions</h2>
          <DeviceActions orgId={orgId} deviceIds={[d.id]} label={d.name} />
        </>
      )}
      <h2>Status history</h2>
      <ol className="timeline" aria-label="Status history">
        {history.map((h, i) => (
          <li key={`${h.since}-${String(i)}`}>
            <span className={`badge ${tone(h.status)}`}>{h.status}</span> since {new Date(h.since).toLocaleString()}
          </li>
        ))}
      </ol>
      {history.length === 0 && <p className="empty-state">No status changes recorded yet.</p>}
    </section>
  );
}
