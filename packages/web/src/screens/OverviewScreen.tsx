import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Organization } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';

/** The current organization at a glance: kind, plan or pool, and what it holds. */
export function OverviewScreen() {
  const { orgId } = useOrg();
  const org = useQuery({
    queryKey: ['org', orgId],
    queryFn: ({ signal }) => api.get<Organization>(`/api/v1/orgs/${orgId}`, { signal }),
    refetchInterval: 30_000,
  });
  if (org.isPending) return <p role="status">Loading the organization…</p>;
  if (org.isError) return <p role="alert" className="error">Could not load the organization: {org.error.message}</p>;
  const o = org.data;
  return (
    <section aria-labelledby="overview-title">
      <div className="screen-head">
        <h1 id="overview-title">{o.name}</h1>
        {o.status && <StatusBadge status={o.status} />}
      </div>
      <div className="cards">
        {o.plan && (
          <div className="card stat">
            <h2>Service plan</h2>
            <p className="big">{o.plan.maxDevices}</p>
            <p className="muted">
              Pro Audio devices, {o.plan.start} to {o.plan.end}
            </p>
          </div>
        )}
        {o.pool && (
          <div className="card stat">
            <h2>Licensed device pool</h2>
            <p className="big">{o.pool.available}</p>
            <p className="muted">
              available of {o.pool.total} ({o.pool.allocated} allocated to clients)
            </p>
            <Meter value={o.pool.allocated} max={o.pool.total} label="Pool allocated" />
          </div>
        )}
        <Stat label="Users" value={o.counts.users} to="/users" />
        {o.kind !== 'platform' && <Stat label="Servers" value={o.counts.servers} to="/servers" />}
        {(o.kind === 'support' || o.kind === 'platform') && (
          <Stat label={o.kind === 'platform' ? 'Support organizations' : 'Client organizations'} value={o.counts.clients} to="/organizations" />
        )}
        <Stat label="Pro Audio devices" value={o.counts.proAudioDevices} />
      </div>
      <dl className="facts" aria-label="Organization facts">
        {o.accountNumber && (
          <>
            <dt>Account number</dt>
            <dd>{o.accountNumber}</dd>
          </>
        )}
        {o.clientReference && (
          <>
            <dt>Client reference</dt>
            <dd>{o.clientReference}</dd>
          </>
        )}
        {o.parent && (
          <>
            <dt>Supported by</dt>
            <dd>{o.parent.name}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{new Date(o.createdAt).toLocaleDateString()}</dd>
      </dl>
    </section>
  );
}

function Stat({ label, value, to }: { label: string; value: number; to?: string }) {
  return (
    <div className="card stat">
      <h2>{label}</h2>
      <p className="big">{value}</p>
      {to && <Link to={to}>Open {label.toLowerCase()}</Link>}
    </div>
  );
}

function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="meter-bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <span style={{ width: `${String(pct)}%` }} />
    </div>
  );
}
