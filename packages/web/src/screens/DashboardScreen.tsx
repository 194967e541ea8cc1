import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { DeviceSummary, Location, Organization } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { DonutChart } from '../ui/DonutChart.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { LocationCounts } from './LocationCounts.tsx';

const groupColors = { down: 'var(--down)', issues: 'var(--issue)', healthy: 'var(--ok)' } as const;
const groupLabels = { down: 'Down', issues: 'Issues', healthy: 'Healthy' } as const;

/** The dashboard: audio devices by Down / Issues / Healthy (click a slice → that list), by status, model and location. */
export function DashboardScreen() {
  const { orgId } = useOrg();
  const navigate = useNavigate();
  const summary = useQuery({
    queryKey: ['summary', orgId],
    queryFn: ({ signal }) => api.get<DeviceSummary>(`/api/v1/orgs/${orgId}/devices/summary`, { signal }),
    refetchInterval: 60_000,
  });
  const org = useQuery({ queryKey: ['org', orgId], queryFn: ({ signal }) => api.get<Organization>(`/api/v1/orgs/${orgId}`, { signal }) });
  const locations = useQuery({
    queryKey: ['locations', orgId],
    queryFn: ({ signal }) => api.get<{ items: Location[] }>(`/api/v1/orgs/${orgId}/locations`, { signal }),
  });
  const s = summary.data;
  const slices = s
    ? (['down', 'issues', 'healthy'] as const).map((g) => ({ key: g, label: groupLabels[g], value: s.groups[g], color: groupColors[g] }))
    : [];
  const video = s?.byModel.filter((m) => m.kind === 'video').reduce((n, m) => n + m.count, 0) ?? 0;
  return (
    <section aria-labelledby="dash-title">
      <div className="screen-head">
        <h1 id="dash-title">{org.data?.name ?? 'Dashboard'}</h1>
        {org.data?.status && <StatusBadge status={org.data.status} />}
      </div>
      {summary.isError && (
        <p role="alert" className="error">
          Could not load the dashboard: {summary.error.message}
        </p>
      )}
      <div className="dashboard">
        <figure className="card">
          <figcaption>Devices</figcaption>
          {s && s.total > 0 ? (
            <DonutChart label="Devices by Down, Issues, Healthy" slices={slices} total={s.total} onSelect={(key) => void navigate(`/devices?group=${key}`)} />
          ) : (
            <p className="empty-state">{summary.isPending ? 'Loading…' : 'No devices yet. Connect an agent (see Servers) and its devices appear here.'}</p>
          )}
        </figure>
        <figure className="card">
          <figcaption>By status</figcaption>
          <ul className="status-list" aria-label="Devices by status">
            {(s?.byStatus ?? []).map((r) => (
              <li key={r.status}>
                <Link to={`/devices?status=${encodeURIComponent(r.status)}`}>
                  <span className={`dot ${r.group}`} aria-hidden="true" /> {r.status}
                </Link>
                <span>{r.count}</span>
              </li>
            ))}
          </ul>
        </figure>
        <figure className="card">
          <figcaption>All devices by model{video ? ` (${String(video)} video)` : ''}</figcaption>
          <table className="table compact" aria-label="Devices by model">
            <tbody>
              {(s?.byModel ?? []).map((m) => (
                <tr key={m.model}>
                  <td>
                    <Link to={`/devices?model=${encodeURIComponent(m.model)}`}>{m.model}</Link>
                  </td>
                  <td>{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
        <figure className="card stat">
          <figcaption>Servers</figcaption>
          <p className="big">{org.data?.counts.servers ?? '–'}</p>
          <Link to="/servers">Open servers</Link>
        </figure>
      </div>
      <figure className="card">
        <figcaption>Device locations</figcaption>
        <LocationCounts locations={locations.data?.items ?? []} counts={s?.byLocation ?? []} />
      </figure>
    </section>
  );
}
