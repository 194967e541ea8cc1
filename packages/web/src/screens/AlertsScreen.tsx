import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
import { formatDateTime } from '../format.ts';
import { statusLabel } from '../i18n/labels.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { MoreButton } from '../ui/ListToolbar.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { MailServerPanel } from './MailServerPanel.tsx';
import { useCursorList } from '../ui/useCursorList.ts';

const tabs = ['incidents', 'rules', 'maintenance', 'webhooks', 'mailServer', 'deliveries'] as const;
type Tab = (typeof tabs)[number];

/** Alerts: what is failing now, the rules, maintenance windows, webhooks and what was sent. */
export function AlertsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('incidents');
  return (
    <section aria-labelledby="alerts-title">
      <div className="screen-head">
        <h1 id="alerts-title">{t('nav.alerts')}</h1>
      </div>
      <Tabs
        label={t('nav.alerts')}
        tabs={tabs}
        current={tab}
        onChange={setTab}
        labelOf={(name) => t(`alerts.tabs.${name}`)}
      >
        {tab === 'incidents' && <Incidents />}
        {tab === 'rules' && <Rules />}
        {tab === 'maintenance' && <Maintenance />}
        {tab === 'webhooks' && <Webhooks />}
        {tab === 'mailServer' && <MailServerPanel />}
        {tab === 'deliveries' && <Deliveries />}
      </Tabs>
    </section>
  );
}

const when = (iso: string | null, lng: string) => (iso ? formatDateTime(iso, lng) : '—');

/** A weekday (0 = Sunday) in the active language, e.g. "Mon", "lun.", "Mo". */
function weekday(day: number, lng: string): string {
  return new Intl.DateTimeFormat(lng, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + day)),
  );
}

function Incidents() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const [state, setState] = useState('open');
  const list = useCursorList<AlertIncident>(
    'incidents',
    `/api/v1/orgs/${orgId}/alerts/incidents`,
    { state: state || undefined },
    50,
    10_000,
  );
  return (
    <>
      <div className="toolbar">
        <select aria-label={t('alerts.filterState')} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="open">{t('status.open')}</option>
          <option value="pending">{t('alerts.pendingOption')}</option>
          <option value="resolved">{t('status.resolved')}</option>
          <option value="">{t('common.all')}</option>
        </select>
        <span className="muted" role="status" data-testid="incident-count">
          {t('alerts.incidentCount', { count: list.total })}
        </span>
      </div>
      <FormError error={list.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.incidents')}>
          <thead>
            <tr>
              <th scope="col">{t('alerts.col.what')}</th>
              <th scope="col">{t('alerts.col.condition')}</th>
              <th scope="col">{t('alerts.col.rule')}</th>
              <th scope="col">{t('alerts.col.since')}</th>
              <th scope="col">{t('alerts.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link
                    to={
                      i.subject.type === 'device'
                        ? `/devices/${i.subject.id}`
                        : i.subject.type === 'server'
                          ? '/servers'
                          : '/overview'
                    }
                  >
                    {i.subject.name}
                  </Link>
                  {i.foldedInto && (
                    <span className="muted"> {t(`alerts.foldedInto.${i.foldedInto.type}`)}</span>
                  )}
                </td>
                <td>{statusLabel(t, i.condition)}</td>
                <td>{i.rule.name}</td>
                <td>{when(i.startedAt, i18n.language)}</td>
                <td>
                  <span
                    className={`badge ${i.state === 'resolved' ? 'ok' : i.state === 'open' ? 'down' : 'issue'}`}
                  >
                    {statusLabel(t, i.state)}
                  </span>
                  {i.muted && <span className="badge muted"> {t('alerts.muted')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.items.length === 0 && (
        <p className="empty-state">{list.isPending ? t('common.loading') : t('alerts.noIncidents')}</p>
      )}
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}

function Rules() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rules = useQuery({
    queryKey: ['alert-rules', orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: AlertRule[] }>(`/api/v1/orgs/${orgId}/alerts/rules`, { signal }),
  });
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
      ? t('alerts.describe.device', {
          statuses: r.condition.statuses.map((s) => statusLabel(t, s)).join(', '),
        })
      : r.condition.kind === 'server_state'
        ? t('alerts.describe.server', { states: r.condition.states.map((s) => statusLabel(t, s)).join(', ') })
        : r.condition.kind === 'plan_overflow'
          ? t('alerts.describe.planOverflow')
          : t('alerts.describe.planExpiry');
  return (
    <>
      {manage && (
        <button type="button" onClick={() => setAdding(true)}>
          {t('alerts.addRule')}
        </button>
      )}
      <FormError error={error ?? rules.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.rulesTable')}>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('alerts.col.when')}</th>
              <th scope="col">{t('alerts.col.forAtLeast')}</th>
              <th scope="col">{t('alerts.col.repeat')}</th>
              <th scope="col">{t('alerts.col.channels')}</th>
              <th scope="col">{t('common.enabled')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(rules.data?.items ?? []).map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{describe(r)}</td>
                <td>
                  {r.delayS ? t('alerts.minutes', { count: Math.round(r.delayS / 60) }) : t('alerts.atOnce')}
                </td>
                <td>
                  {r.repeatS
                    ? t('alerts.everyMinutes', { count: Math.round(r.repeatS / 60) })
                    : t('alerts.once')}
                </td>
                <td>{r.channels.map((c) => t(`alerts.channel.${c}`)).join(', ')}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('alerts.enableRule', { name: r.name })}
                    checked={r.enabled}
                    disabled={!manage}
                    onChange={() =>
                      void act(() =>
                        api.patch(`/api/v1/orgs/${orgId}/alerts/rules/${r.id}`, { enabled: !r.enabled }),
                      )
                    }
                  />
                </td>
                <td>
                  {manage && (
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => {
                        if (window.confirm(t('alerts.confirmDeleteRule', { name: r.name })))
                          void act(() => api.delete(`/api/v1/orgs/${orgId}/alerts/rules/${r.id}`));
                      }}
                    >
                      {t('common.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rules.data?.items.length === 0 && <p className="empty-state">{t('alerts.noRules')}</p>}
      {adding && (
        <RuleDialog
          orgId={orgId}
          onClose={() => setAdding(false)}
          onDone={() => void client.invalidateQueries({ queryKey: ['alert-rules'] })}
        />
      )}
    </>
  );
}

function RuleDialog({ orgId, onClose, onDone }: { orgId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('alerts.defaultRuleName'));
  const [kind, setKind] = useState<'device_status' | 'server_state' | 'plan_overflow' | 'plan_expiry'>(
    'device_status',
  );
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
  const flip = (list: string[], item: string) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  return (
    <Dialog title={t('alerts.addRuleTitle')} open onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="rule-name">{t('common.name')}</label>
          <input id="rule-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="rule-kind">{t('alerts.alertWhen')}</label>
          <select id="rule-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="device_status">{t('alerts.kind.deviceStatus')}</option>
            <option value="server_state">{t('alerts.kind.serverState')}</option>
            <option value="plan_overflow">{t('alerts.kind.planOverflow')}</option>
            <option value="plan_expiry">{t('alerts.kind.planExpiry')}</option>
          </select>
        </div>
        {kind === 'device_status' && (
          <fieldset>
            <legend>{t('alerts.statuses')}</legend>
            <div className="check-grid">
              {alertDeviceStatuses.map((s) => (
                <label key={s} className="check">
                  <input
                    type="checkbox"
                    checked={statuses.includes(s)}
                    onChange={() => setStatuses(flip(statuses, s))}
                  />{' '}
                  {statusLabel(t, s)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="row">
          <div className="field">
            <label htmlFor="rule-delay">{t('alerts.delayLabel')}</label>
            <input
              id="rule-delay"
              type="number"
              min={0}
              step="0.5"
              value={delayMin}
              onChange={(e) => setDelayMin(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="rule-repeat">{t('alerts.repeatLabel')}</label>
            <input
              id="rule-repeat"
              type="number"
              min={1}
              value={repeatMin}
              onChange={(e) => setRepeatMin(e.target.value)}
            />
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={resolved} onChange={(e) => setResolved(e.target.checked)} />{' '}
          {t('alerts.notifyResolved')}
        </label>
        <fieldset>
          <legend>{t('alerts.col.channels')}</legend>
          {['email', 'sms', 'webhook'].map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={channels.includes(c)}
                onChange={() => setChannels(flip(channels, c))}
              />{' '}
              {t(`alerts.channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('alerts.addRule')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function Maintenance() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const windows = useQuery({
    queryKey: ['maintenance', orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: MaintenanceWindow[] }>(`/api/v1/orgs/${orgId}/alerts/maintenance-windows`, { signal }),
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
      ? `${when(w.schedule.startsAt, lng)} → ${when(w.schedule.endsAt, lng)}`
      : t('alerts.weekly', {
          days: w.schedule.days.map((d) => weekday(d, lng)).join(', '),
          start: w.schedule.start,
          count: w.schedule.durationMinutes,
        });
  return (
    <>
      {can('alerts.manage') && (
        <form onSubmit={(e) => void add(e)} className="form row card">
          <div className="field">
            <label htmlFor="mw-name">{t('alerts.muteName')}</label>
            <input
              id="mw-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              placeholder={t('alerts.muteNamePlaceholder')}
            />
          </div>
          <div className="field">
            <label htmlFor="mw-hours">{t('alerts.muteHours')}</label>
            <input
              id="mw-hours"
              type="number"
              min={0.25}
              step="0.25"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </div>
          <button type="submit">{t('alerts.startWindow')}</button>
        </form>
      )}
      <FormError error={error ?? windows.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.maintenance')}>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('alerts.col.scope')}</th>
              <th scope="col">{t('alerts.col.when')}</th>
              <th scope="col">{t('alerts.col.now')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(windows.data?.items ?? []).map((w) => (
              <tr key={w.id}>
                <td>{w.name}</td>
                <td>{t(`alerts.scope.${w.scope}`, { defaultValue: w.scope })}</td>
                <td>{describe(w)}</td>
                <td>{w.active ? <span className="badge issue">{t('alerts.mutingAlerts')}</span> : '—'}</td>
                <td>
                  {can('alerts.manage') && (
                    <button
                      type="button"
                      className="link danger"
                      onClick={() =>
                        void api
                          .delete(`/api/v1/orgs/${orgId}/alerts/maintenance-windows/${w.id}`)
                          .then(refresh)
                      }
                    >
                      {t('alerts.endDelete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {windows.data?.items.length === 0 && <p className="empty-state">{t('alerts.noWindows')}</p>}
    </>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const hooks = useQuery({
    queryKey: ['webhooks', orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: AlertWebhook[] }>(`/api/v1/orgs/${orgId}/alerts/webhooks`, { signal }),
  });
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const add = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ secret: string | null }>(`/api/v1/orgs/${orgId}/alerts/webhooks`, {
        name,
        url,
      });
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
            <label htmlFor="wh-name">{t('common.name')}</label>
            <input id="wh-name" value={name} onChange={(e) => setName(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="wh-url">{t('alerts.url')}</label>
            <input
              id="wh-url"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              placeholder="https://tickets.example.com/hooks/crosspoint"
            />
          </div>
          <button type="submit">{t('alerts.addWebhook')}</button>
        </form>
      )}
      {secret && (
        <p role="status" className="secret">
          {t('alerts.webhookSecret')} <code data-testid="webhook-secret">{secret}</code>
        </p>
      )}
      <FormError error={error ?? hooks.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.webhooks')}>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('alerts.url')}</th>
              <th scope="col">{t('common.enabled')}</th>
            </tr>
          </thead>
          <tbody>
            {(hooks.data?.items ?? []).map((w) => (
              <tr key={w.id}>
                <td>{w.name}</td>
                <td>
                  <code>{w.url}</code>
                </td>
                <td>{w.enabled ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hooks.data?.items.length === 0 && <p className="empty-state">{t('alerts.noWebhooks')}</p>}
    </>
  );
}

function Deliveries() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const list = useCursorList<AlertDelivery>(
    'deliveries',
    `/api/v1/orgs/${orgId}/alerts/deliveries`,
    {},
    50,
    10_000,
  );
  return (
    <>
      <FormError error={list.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.deliveries')}>
          <thead>
            <tr>
              <th scope="col">{t('alerts.col.when')}</th>
              <th scope="col">{t('alerts.col.channel')}</th>
              <th scope="col">{t('alerts.col.to')}</th>
              <th scope="col">{t('alerts.col.subject')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('alerts.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => (
              <tr key={d.id}>
                <td>{when(d.sentAt ?? d.createdAt, i18n.language)}</td>
                <td>{t(`alerts.channel.${d.channel}`, { defaultValue: d.channel })}</td>
                <td>{d.to}</td>
                <td>{d.subject ?? '—'}</td>
                <td>
                  <span
                    className={`badge ${d.status === 'sent' ? 'ok' : d.status === 'failed' ? 'down' : 'info'}`}
                  >
                    {statusLabel(t, d.status)}
                  </span>
                </td>
                <td>{d.lastError ?? (d.status === 'kept' ? t('alerts.keptReason') : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.items.length === 0 && (
        <p className="empty-state">{list.isPending ? t('common.loading') : t('alerts.noDeliveries')}</p>
      )}
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
