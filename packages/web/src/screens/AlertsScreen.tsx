import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  alertDeviceStatuses,
  type AlertDelivery,
  type AlertIncident,
  type AlertRule,
  type AlertWebhook,
  type MaintenanceWindow,
} from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { MoreButton } from '../ui/ListToolbar.tsx';
import { useCursorList } from '../ui/useCursorList.ts';

const tabs = ['Incidents', 'Rules', 'Maintenance windows', 'Webhooks', 'Delivery log'] as const;
type Tab = (typeof tabs)[number];

/** Alerts: what is failing now, the rules, maintenance windows, webhooks and what was sent. */
export function AlertsScreen() {
  const [tab, setTab] = useState<Tab>('Incidents');
  return (
    <section aria-labelledby="alerts-title">
      <div className="screen-head">
        <h1 id="alerts-title">Alerts</h1>
      </div>
      <div role="tablist" aria-label="Alerts" className="tabs">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'Incidents' && <Incidents />}
        {tab === 'Rules' && <Rules />}
        {tab === 'Maintenance windows' && <Maintenance />}
        {tab === 'Webhooks' && <Webhooks />}
        {tab === 'Delivery log' && <Deliveries />}
      </div>
    </section>
  );
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function Incidents() {
  const { orgId } = useOrg();
  const [state, setState] = useState('open');
  const list = useCursorList<AlertIncident>('incidents', `/api/v1/orgs/${orgId}/alerts/incidents`, { state: state || undefined }, 50, 10_000);
  return (
    <>
      <div className="toolbar">
        <select aria-label="Filter by state" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="open">Open</option>
          <option value="pending">Pending (waiting for the delay)</option>
          <option value="resolved">Resolved</option>
          <option value="">All</option>
        </select>
        <span className="muted" role="status" data-testid="incident-count">
          {list.total} incidents
        </span>
      </div>
      <FormError error={list.error} />
      <table className="table" aria-label="Incidents">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Condition</th>
            <th scope="col">Rule</th>
            <th scope="col">Since</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={i.subject.type === 'device' ? `/devices/${i.subject.id}` : i.subject.type === 'server' ? '/servers' : '/overview'}>{i.subject.name}</Link>
                {i.foldedInto && <span className="muted"> (folded into its {i.foldedInto.type}’s alert)</span>}
              </td>
              <td>{i.condition}</td>
              <td>{i.rule.name}</td>
              <td>{when(i.startedAt)}</td>
              <td>
                <span className={`badge ${i.state === 'resolved' ? 'ok' : i.state === 'open' ? 'down' : 'issue'}`}>{i.state}</span>
                {i.muted && <span className="badge muted"> muted</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.items.length === 0 && <p className="empty-state">{list.isPending ? 'Loading…' : 'Nothing is failing. Good.'}</p>}
      <MoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
    </>
  );
}

function Rules() {
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rules = useQuery({ queryKey: ['alert-rules', orgId], queryFn: ({ signal }) => api.get<{ items: AlertRule[] }>(`/api/v1/orgs/${orgId}/alerts/rules`, { signal }) });
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
    await client.invalidateQueries({ queryKey: ['alert-rules'] });
  };
  const manage = can('alerts.manage');
  const describe = (r: AlertRule) =>
    r.condition.kind === 'device_status'
      ? `Device ${r.condition.statuses.join(', ')}`
      : r.condition.kind === 'server_state'
        ? `Server ${r.condition.states.join(', ').replace(/_/g, ' ')}`
        : r.condition.kind === 'plan_overflow'
          ? 'Plan overflow'
          : 'Plan expiry';
  return (
    <>
      {manage && (
        <button type="button" onClick={() => setAdding(true)}>
          Add rule
        </button>
      )}
      <FormError error={error ?? rules.error} />
      <table className="table" aria-label="Alert rules">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">When</th>
            <th scope="col">For at least</th>
            <th scope="col">Repeat</th>
            <th scope="col">Channels</th>
            <th scope="col">Enabled</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(rules.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{describe(r)}</td>
              <td>{r.delayS ? `${String(Math.round(r.delayS / 60))} min` : 'at once'}</td>
              <td>{r.repeatS ? `every ${String(Math.round(r.repeatS / 60))} min` : 'once'}</td>
              <td>{r.channels.join(', ')}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Enable ${r.name}`}
                  checked={r.enabled}
                  disabled={!manage}
                  onChange={() => void act(() => api.patch(`/api/v1/orgs/${orgId}/alerts/rules/${r.id}`, { enabled: !r.enabled }))}
                />
              </td>
              <td>
                {manage && (
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => {
                      if (window.confirm(`Delete the rule ${r.name}?`)) void act(() => api.delete(`/api/v1/orgs/${orgId}/alerts/rules/${r.id}`));
                    }}
                  >
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.data?.items.length === 0 && <p className="empty-state">No alert rules yet: nobody is told when something fails. Add one.</p>}
      {adding && <RuleDialog orgId={orgId} onClose={() => setAdding(false)} onDone={() => void client.invalidateQueries({ queryKey: ['alert-rules'] })} />}
    </>
  );
}

function RuleDialog({ orgId, onClose, onDone }: { orgId: string; onClose: () => void; onDone: () => void }) {
  const [name, setName] = useState('Devices down');
  const [kind, setKind] = useState<'device_status' | 'server_state' | 'plan_overflow' | 'plan_expiry'>('device_status');
  const [statuses, setStatuses] = useState<string[]>(['Down']);
  const [delayMin, setDelayMin] = useState('2');
  const [repeatMin, setRepeatMin] = useState('');
  const [resolved, setResolved] = useState(true);
  const [channels, setChannels] = useState<string[]>(['email', 'sms', 'webhook']);
  const [error, setError] = useState<unknown>(null);
  const condition =
    kind === 'device_status'
      ? { kind, statuses }
      : kind === 'server_state'
        ? { kind, states: ['disconnected', 'monitoring_issue', 'monitoring_off'] }
        : { kind };
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/v1/orgs/${orgId}/alerts/rules`, {
        name,
        condition,
        delayS: Math.round(Number(delayMin) * 60),
        repeatS: repeatMin ? Math.round(Number(repeatMin) * 60) : null,
        notifyResolved: resolved,
        channels,
      });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  const flip = (list: string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  return (
    <Dialog title="Add alert rule" open onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="rule-name">Name</label>
          <input id="rule-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="rule-kind">Alert when</label>
          <select id="rule-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="device_status">a device has one of these statuses</option>
            <option value="server_state">a server disconnects or its monitoring has an issue</option>
            <option value="plan_overflow">the organization has more devices than its plan</option>
            <option value="plan_expiry">the service plan has ended</option>
          </select>
        </div>
        {kind === 'device_status' && (
          <fieldset>
            <legend>Statuses</legend>
            <div className="check-grid">
              {alertDeviceStatuses.map((s) => (
                <label key={s} className="check">
                  <input type="checkbox" checked={statuses.includes(s)} onChange={() => setStatuses(flip(statuses, s))} /> {s}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="row">
          <div className="field">
            <label htmlFor="rule-delay">For at least (minutes)</label>
            <input id="rule-delay" type="number" min={0} step="0.5" value={delayMin} onChange={(e) => setDelayMin(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="rule-repeat">Repeat every (minutes, empty: once)</label>
            <input id="rule-repeat" type="number" min={1} value={repeatMin} onChange={(e) => setRepeatMin(e.target.value)} />
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={resolved} onChange={(e) => setResolved(e.target.checked)} /> Send a message when it clears
        </label>
        <fieldset>
          <legend>Channels</legend>
          {['email', 'sms', 'webhook'].map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={channels.includes(c)} onChange={() => setChannels(flip(channels, c))} /> {c}
            </label>
          ))}
        </fieldset>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit">Add rule</button>
        </div>
      </form>
    </Dialog>
  );
}

function Maintenance() {
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const windows = useQuery({
    queryKey: ['maintenance', orgId],
    queryFn: ({ signal }) => api.get<{ items: MaintenanceWindow[] }>(`/api/v1/orgs/${orgId}/alerts/maintenance-windows`, { signal }),
    refetchInterval: 30_000,
  });
  const [name, setName] = useState('');
  const [hours, setHours] = useState('2');
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['maintenance'] });
  const add = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const startsAt = new Date();
      const endsAt = new Date(startsAt.getTime() + Number(hours) * 3_600_000);
      await api.post(`/api/v1/orgs/${orgId}/alerts/maintenance-windows`, {
        name,
        scope: 'organization',
        schedule: { kind: 'once', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      });
      setName('');
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const describe = (w: MaintenanceWindow) =>
    w.schedule.kind === 'once'
      ? `${when(w.schedule.startsAt)} → ${when(w.schedule.endsAt)}`
      : `weekly on ${w.schedule.days.map((d) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d]).join(', ')} at ${w.schedule.start} for ${String(w.schedule.durationMinutes)} min`;
  return (
    <>
      {can('alerts.manage') && (
        <form onSubmit={(e) => void add(e)} className="form row card">
          <div className="field">
            <label htmlFor="mw-name">Mute the whole organization from now: name</label>
            <input id="mw-name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="Firmware night" />
          </div>
          <div className="field">
            <label htmlFor="mw-hours">For (hours)</label>
            <input id="mw-hours" type="number" min={0.25} step="0.25" value={hours} onChange={(e) => setHours(e.target.value)} />
          </div>
          <button type="submit">Start maintenance window</button>
        </form>
      )}
      <FormError error={error ?? windows.error} />
      <table className="table" aria-label="Maintenance windows">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">When</th>
            <th scope="col">Now</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(windows.data?.items ?? []).map((w) => (
            <tr key={w.id}>
              <td>{w.name}</td>
              <td>{w.scope}</td>
              <td>{describe(w)}</td>
              <td>{w.active ? <span className="badge issue">muting alerts</span> : '—'}</td>
              <td>
                {can('alerts.manage') && (
                  <button type="button" className="link danger" onClick={() => void api.delete(`/api/v1/orgs/${orgId}/alerts/maintenance-windows/${w.id}`).then(refresh)}>
                    End / delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {windows.data?.items.length === 0 && <p className="empty-state">No maintenance windows.</p>}
    </>
  );
}

function Webhooks() {
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const hooks = useQuery({ queryKey: ['webhooks', orgId], queryFn: ({ signal }) => api.get<{ items: AlertWebhook[] }>(`/api/v1/orgs/${orgId}/alerts/webhooks`, { signal }) });
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const add = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ secret: string | null }>(`/api/v1/orgs/${orgId}/alerts/webhooks`, { name, url });
      setSecret(r.secret);
      setName('');
      setUrl('');
      await client.invalidateQueries({ queryKey: ['webhooks'] });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      {can('alerts.manage') && (
        <form onSubmit={(e) => void add(e)} className="form row card">
          <div className="field">
            <label htmlFor="wh-name">Name</label>
            <input id="wh-name" value={name} onChange={(e) => setName(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="wh-url">URL</label>
            <input id="wh-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://tickets.example.com/hooks/crosspoint" />
          </div>
          <button type="submit">Add webhook</button>
        </form>
      )}
      {secret && (
        <p role="status" className="secret">
          Signing secret (shown once; verify X-Crosspoint-Signature with it): <code data-testid="webhook-secret">{secret}</code>
        </p>
      )}
      <FormError error={error ?? hooks.error} />
      <table className="table" aria-label="Webhooks">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URL</th>
            <th scope="col">Enabled</th>
          </tr>
        </thead>
        <tbody>
          {(hooks.data?.items ?? []).map((w) => (
            <tr key={w.id}>
              <td>{w.name}</td>
              <td>
                <code>{w.url}</code>
              </td>
              <td>{w.enabled ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hooks.data?.items.length === 0 && <p className="empty-state">No webhooks.</p>}
    </>
  );
}

function Deliveries() {
  const { orgId } = useOrg();
  const list = useCursorList<AlertDelivery>('deliveries', `/api/v1/orgs/${orgId}/alerts/deliveries`, {}, 50, 10_000);
  return (
    <>
      <FormError error={list.error} />
      <table className="table" aria-label="Delivery log">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Channel</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((d) => (
            <tr key={d.id}>
              <td>{when(d.sentAt ?? d.createdAt)}</td>
              <td>{d.channel}</td>
              <td>{d.to}</td>
              <td>{d.subject ?? '—'}</td>
              <td>
                <span className={`badge ${d.status === 'sent' ? 'ok' : d.status === 'failed' ? 'down' : 'info'}`}>{d.status}</span>
              </td>
              <td>{d.lastError ?? (d.status === 'kept' ? 'No SMTP server / SMS provider configured: kept here.' : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.items.length === 0 && <p className="empty-state">{list.isPending ? 'Loading…' : 'Nothing sent yet.'}</p>}
      <MoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
    </>
  );
}
