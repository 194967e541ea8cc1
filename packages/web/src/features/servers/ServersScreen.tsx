import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { serverSortKeys, type ServerRow } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { statusLabel } from '../../i18n/labels.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../../ui/ListToolbar.tsx';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PasswordMeter } from '../../ui/PasswordMeter.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { StatusFilter } from '../../ui/StatusFilter.tsx';
import { serversKey, useServers } from './queries.ts';
import { AgentVersionCell } from './AgentVersionCell.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { isOneOf } from '../../ui/oneOf.ts';
import { useLocations } from '../locations/queries.ts';
import { OrganizationFilter, organizationColumn, useRollup } from '../organizations/OrganizationFilter.tsx';

/** Agent server accounts: what each on-site agent signs in with, and how it is doing. */
export function ServersScreen() {
  const { t, i18n } = useTranslation();
  const { orgId, can, session } = useOrg();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ServerRow['status'] | ''>('');
  const [sort, setSort] = useState<{ sort: (typeof serverSortKeys)[number]; order: 'asc' | 'desc' }>({
    sort: 'name',
    order: 'asc',
  });
  const [adding, setAdding] = useState(false);
  const [rotating, setRotating] = useState<ServerRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  // In a roll-up filtered to one organization, a new server account is added to it.
  const [organization, setOrganization] = useState({ id: '', name: '' });
  const organizationId = organization.id;
  const rollup = useRollup();
  const debounced = useDebounced(search);
  const list = useServers(orgId, {
    search: debounced,
    status: status || undefined,
    organizationId: organizationId || undefined,
    ...sort,
  });
  const manage = can('servers.manage');
  const refresh = () => client.invalidateQueries({ queryKey: serversKey });
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
    await refresh();
  };
  const columns: Column<ServerRow>[] = [
    {
      key: 'status',
      label: t('common.status'),
      sort: 'status',
      render: (s) => <StatusBadge status={s.status} />,
    },
    ...organizationColumn<ServerRow>(t('devices.columns.organization'), rollup, (s) => s.organization),
    { key: 'name', label: t('common.name'), sort: 'name', render: (s) => s.name },
    {
      key: 'login',
      label: t('servers.login'),
      render: (s) => (
        <span className="row-actions">
          <code>{s.login}</code>
          <CopyButton text={s.login} label={t('servers.copyLoginOf', { name: s.name })} />
        </span>
      ),
    },
    { key: 'devices', label: t('dashboard.devices'), sort: 'deviceCount', render: (s) => s.deviceCount },
    {
      key: 'monitoring',
      label: t('servers.monitoring'),
      render: (s) => <MonitoringCell server={s} />,
    },
    {
      key: 'version',
      label: t('servers.agentVersion'),
      render: (s) => <AgentVersionCell server={s} manage={manage} onUpdated={() => void refresh()} />,
    },
    {
      key: 'subnets',
      label: t('servers.subnets'),
      render: (s) => t('servers.subnetsOf', { enabled: s.subnets.enabled, total: s.subnets.total }),
    },
    {
      key: 'load',
      label: t('servers.load'),
      render: (s) =>
        s.health ? (
          <span className="load">
            {s.health.cpuPercent !== null
              ? t('servers.cpuMemory', {
                  cpu: formatNumber(s.health.cpuPercent, i18n.language, { maximumFractionDigits: 1 }),
                  memory: formatNumber(s.health.memoryMb ?? 0, i18n.language, { maximumFractionDigits: 0 }),
                })
              : null}
            {s.health.backlog !== null ? (
              <span className="muted"> {t('servers.backlog', { count: s.health.backlog })}</span>
            ) : null}
            {s.health.uplinkRttMs !== null && s.health.connectedSince ? (
              <span className="muted uplink">
                {' '}
                {t('servers.uplink', {
                  rtt: formatNumber(s.health.uplinkRttMs, i18n.language, { maximumFractionDigits: 1 }),
                  since: formatDateTime(s.health.connectedSince, i18n.language),
                })}
              </span>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    { key: 'location', label: t('devices.columns.location'), render: (s) => s.location?.name ?? '—' },
    {
      key: 'seen',
      label: t('servers.lastSeen'),
      sort: 'lastSeenAt',
      render: (s) => (s.lastSeenAt ? formatDateTime(s.lastSeenAt, i18n.language) : t('common.never')),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (s) =>
        manage ? (
          <span className="row-actions">
            <button
              type="button"
              className="link"
              onClick={() =>
                void act(() =>
                  call('updateServer', {
                    params: { orgId: s.organization.id, serverId: s.id },
                    body: { disabled: s.status !== 'Disabled' },
                  }),
                )
              }
            >
              {s.status === 'Disabled' ? t('servers.enable') : t('servers.disable')}
            </button>
            <button type="button" className="link" onClick={() => setRotating(s)}>
              {t('settings.changePassword')}
            </button>
            <button
              type="button"
              className="link danger"
              onClick={() => {
                if (window.confirm(t('servers.confirmDelete', { name: s.name }))) {
                  void act(() =>
                    call('deleteServer', { params: { orgId: s.organization.id, serverId: s.id } }),
                  );
                }
              }}
            >
              {t('common.delete')}
            </button>
          </span>
        ) : null,
    },
  ];
  return (
    <section aria-labelledby="servers-title">
      <div className="screen-head">
        <h1 id="servers-title">{t('nav.servers')}</h1>
        {manage && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('servers.add')}
          </button>
        )}
      </div>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('servers.searchPlaceholder')}
        searchLabel={t('servers.search')}
        count={t('servers.count', { count: list.total })}
        total={list.total}
        shown={list.items.length}
      >
        <OrganizationFilter value={organizationId} onChange={(id, name) => setOrganization({ id, name })} />
        <StatusFilter
          value={status}
          onChange={setStatus}
          statuses={['Connected', 'Disconnected', 'Disabled']}
        />
      </ListToolbar>
      <FormError error={error ?? list.error} />
      <DataTable
        label={t('nav.servers')}
        columns={columns}
        rows={list.items}
        rowKey={(s) => s.id}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => {
          if (isOneOf(serverSortKeys, s)) setSort({ sort: s, order: o });
        }}
        empty={
          list.isPending
            ? t('common.loading')
            : debounced || status
              ? t('servers.noMatch')
              : t('servers.empty')
        }
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
      <ServerAccountDialog
        open={adding}
        title={organizationId ? t('servers.addTo', { name: organization.name }) : t('servers.add')}
        orgId={organizationId || orgId}
        orgName={organizationId ? organization.name : (session.currentOrg?.name ?? '')}
        onClose={() => setAdding(false)}
        onDone={() => void refresh()}
      />
      {rotating && (
        <ServerAccountDialog
          open
          title={t('servers.changePasswordOf', { name: rotating.name })}
          orgId={rotating.organization.id}
          orgName={rotating.organization.name}
          server={rotating}
          onClose={() => setRotating(null)}
          onDone={() => void refresh()}
        />
      )}
    </section>
  );
}

function ServerAccountDialog({
  open,
  title,
  orgId,
  orgName,
  server,
  onClose,
  onDone,
}: {
  open: boolean;
  title: string;
  orgId: string;
  orgName: string;
  server?: ServerRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [locationId, setLocationId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<ServerRow | null>(null);
  const locations = useLocations(orgId, { enabled: open && !server });
  const mismatch = confirm.length > 0 && confirm !== password;
  const close = () => {
    setCreated(null);
    onClose();
  };
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setError(null);
    try {
      let added: ServerRow | null = null;
      if (server)
        await call('rotateServerPassword', { params: { orgId, serverId: server.id }, body: { password } });
      else
        added = await call('createServer', {
          params: { orgId },
          body: { name, password, ...(locationId ? { locationId } : {}) },
        });
      onDone();
      setName('');
      setPassword('');
      setConfirm('');
      // A new account: the success step shows the agent login to copy; a new password: done.
      if (added) setCreated(added);
      else onClose();
    } catch (err) {
      setError(err);
    }
  };
  if (created)
    return (
      <Dialog title={t('servers.createdTitle', { name: created.name })} open={open} onClose={close}>
        <div className="form">
          <p>{t('servers.createdIntro')}</p>
          <dl className="facts" aria-label={t('servers.credentials')}>
            <dt>{t('servers.login')}</dt>
            <dd className="row-actions">
              <code data-testid="agent-login">{created.login}</code>
              <CopyButton text={created.login} label={t('servers.copyLogin')} />
            </dd>
            <dt>{t('auth.password')}</dt>
            <dd>{t('servers.passwordHint')}</dd>
          </dl>
          <p>
            <Link to="/downloads" onClick={close}>
              {t('servers.toDownloads')}
            </Link>
          </p>
          <div className="actions">
            <button type="button" onClick={close}>
              {t('common.done')}
            </button>
          </div>
        </div>
      </Dialog>
    );
  return (
    <Dialog title={title} open={open} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <p className="muted">{t('servers.credentialsHint')}</p>
        {!server && (
          <>
            <div className="field">
              <label htmlFor="srv-name">{t('servers.accountName')}</label>
              <input
                id="srv-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                autoFocus
              />
            </div>
            <div className="field">
              <label htmlFor="srv-location">{t('devices.columns.location')}</label>
              <select id="srv-location" value={locationId} onChange={(e) => setLocationId(e.target.value)}>
                <option value="">{t('servers.noLocation')}</option>
                {(locations.data?.items ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.path.join(' › ')}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <PasswordInput
          label={t('auth.password')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          autoFocus={Boolean(server)}
        />
        <PasswordMeter password={password} kind="agent" userInputs={[name, orgName]} />
        <div className="field">
          <label htmlFor="srv-confirm">{t('servers.confirmPassword')}</label>
          <input
            id="srv-confirm"
            type="password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
          />
          {mismatch && <span className="error">{t('servers.passwordsDiffer')}</span>}
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={mismatch}>
            {server ? t('settings.changePassword') : t('common.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Monitoring System Active / Issue / Off, and while Issue, what the agent reports, each in a line. */
function MonitoringCell({ server }: { server: ServerRow }) {
  const { t } = useTranslation();
  return (
    <div className="monitoring">
      <span className={`monitoring-state ${server.monitoring.toLowerCase()}`}>
        {statusLabel(t, server.monitoring)}
      </span>
      {server.issues.length > 0 ? (
        <ul className="issues" aria-label={t('servers.issuesOf', { name: server.name })}>
          {server.issues.map((issue) => (
            <li key={issue.code}>
              <strong>{t(`servers.issue.${issue.code}`, { defaultValue: issue.code })}</strong>
              <span className="muted"> {issue.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
