import { useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClientRow, Organization, SessionInfo } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg, useSession } from '../auth/session.tsx';
import { formatDate, formatDay } from '../format.ts';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../ui/ListToolbar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { StatusFilter } from '../ui/StatusFilter.tsx';
import { useCursorList } from '../ui/useCursorList.ts';
import { useDebounced } from '../ui/useDebounced.ts';
import { AddClientWizard } from './AddClientWizard.tsx';

/** Support organizations: their clients. The platform: its support organizations. */
export function OrganizationsScreen() {
  const { session } = useOrg();
  return session.currentOrg?.kind === 'platform' ? <SupportOrgs /> : <Clients />;
}

function Clients() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const { replace } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState({ sort: 'name', order: 'asc' as 'asc' | 'desc' });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ClientRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(search);
  const list = useCursorList<ClientRow>('clients', `/api/v1/orgs/${orgId}/clients`, {
    search: debounced,
    status,
    ...sort,
  });
  const refresh = () =>
    client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'clients' || q.queryKey[0] === 'org' });
  const signInto = async (id: string) => {
    try {
      replace(await api.post<SessionInfo>('/api/v1/auth/switch-org', { orgId: id }));
      void navigate('/');
    } catch (e) {
      setError(e);
    }
  };
  const columns: Column<ClientRow>[] = [
    {
      key: 'status',
      label: t('common.status'),
      sort: 'status',
      render: (c) => <StatusBadge status={c.status} />,
    },
    { key: 'name', label: t('common.name'), sort: 'name', render: (c) => c.name },
    { key: 'account', label: t('orgs.accountNumber'), sort: 'accountNumber', render: (c) => c.accountNumber },
    {
      key: 'start',
      label: t('orgs.startDate'),
      sort: 'start',
      render: (c) => formatDay(c.start, i18n.language),
    },
    { key: 'end', label: t('orgs.endDate'), sort: 'end', render: (c) => formatDay(c.end, i18n.language) },
    {
      key: 'allocated',
      label: t('orgs.devicesAllocated'),
      sort: 'devicesAllocated',
      render: (c) => c.devicesAllocated,
    },
    { key: 'devices', label: t('devices.titleProAudio'), render: (c) => c.proAudioDevices },
    { key: 'servers', label: t('nav.servers'), render: (c) => c.servers },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (c) => (
        <span className="row-actions">
          <button type="button" className="link" onClick={() => void signInto(c.id)}>
            {t('auth.signIn')}
          </button>
          {can('clients.manage') && (
            <button type="button" className="link" onClick={() => setEditing(c)}>
              {t('orgs.editPlan')}
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <section aria-labelledby="orgs-title">
      <div className="screen-head">
        <h1 id="orgs-title">{t('nav.organizations')}</h1>
        {can('clients.manage') && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('orgs.addClient')}
          </button>
        )}
      </div>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('orgs.searchPlaceholder')}
        searchLabel={t('orgs.searchClients')}
        count={t('orgs.clientCount', { count: list.total })}
        total={list.total}
        shown={list.items.length}
      >
        <StatusFilter
          value={status}
          onChange={setStatus}
          statuses={['Invited', 'Active', 'Expired', 'Overflow']}
        />
      </ListToolbar>
      <FormError error={error ?? list.error} />
      <DataTable
        label={t('orgs.clientsTable')}
        columns={columns}
        rows={list.items}
        rowKey={(c) => c.id}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        empty={
          list.isPending
            ? t('common.loading')
            : debounced || status
              ? t('orgs.noClientMatch')
              : t('orgs.noClients')
        }
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
      <AddClientWizard
        open={adding}
        onClose={() => setAdding(false)}
        orgId={orgId}
        onAdded={() => void refresh()}
      />
      {editing && (
        <EditPlanDialog
          client={editing}
          orgId={orgId}
          onClose={() => setEditing(null)}
          onSaved={() => void refresh()}
        />
      )}
    </section>
  );
}

function EditPlanDialog({
  client,
  orgId,
  onClose,
  onSaved,
}: {
  client: ClientRow;
  orgId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [maxDevices, setMaxDevices] = useState(String(client.devicesAllocated));
  const [start, setStart] = useState(client.start);
  const [end, setEnd] = useState(client.end);
  const [reference, setReference] = useState(client.clientReference ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await api.patch(`/api/v1/orgs/${orgId}/clients/${client.id}/plan`, {
        maxDevices: Number(maxDevices),
        start,
        end,
        clientReference: reference || null,
      });
      onSaved();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('orgs.planOf', { name: client.name })} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <PlanFields
          maxDevices={maxDevices}
          setMaxDevices={setMaxDevices}
          start={start}
          setStart={setStart}
          end={end}
          setEnd={setEnd}
        />
        <div className="field">
          <label htmlFor="plan-ref">{t('orgs.clientReference')}</label>
          <input id="plan-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('orgs.savePlan')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function PlanFields(p: {
  maxDevices: string;
  setMaxDevices: (v: string) => void;
  start: string;
  setStart: (v: string) => void;
  end: string;
  setEnd: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <div className="field">
        <label htmlFor="plan-max">{t('orgs.maxDevices')}</label>
        <input
          id="plan-max"
          type="number"
          min={0}
          value={p.maxDevices}
          onChange={(e) => p.setMaxDevices(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="plan-start">{t('orgs.startDate')}</label>
        <input
          id="plan-start"
          type="date"
          value={p.start}
          onChange={(e) => p.setStart(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="plan-end">{t('orgs.endDate')}</label>
        <input id="plan-end" type="date" value={p.end} onChange={(e) => p.setEnd(e.target.value)} required />
      </div>
    </div>
  );
}

function SupportOrgs() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');
  const list = useQuery({
    queryKey: ['support-orgs', orgId],
    queryFn: ({ signal }) =>
      api.get<{ items: Organization[] }>(`/api/v1/orgs/${orgId}/support-orgs`, { signal }),
    refetchInterval: 30_000,
  });
  const rows = (list.data?.items ?? []).filter((o) => o.name.toLowerCase().includes(filter.toLowerCase()));
  const columns: Column<Organization>[] = [
    { key: 'name', label: t('common.name'), render: (o) => o.name },
    { key: 'pool', label: t('orgs.devicePool'), render: (o) => o.pool?.total ?? 0 },
    { key: 'allocated', label: t('orgs.allocated'), render: (o) => o.pool?.allocated ?? 0 },
    { key: 'clients', label: t('orgs.clients'), render: (o) => o.counts.clients },
    { key: 'users', label: t('nav.users'), render: (o) => o.counts.users },
    { key: 'created', label: t('common.created'), render: (o) => formatDate(o.createdAt, i18n.language) },
  ];
  return (
    <section aria-labelledby="support-title">
      <div className="screen-head">
        <h1 id="support-title">{t('orgs.supportOrgs')}</h1>
        {can('clients.manage') && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('orgs.addSupport')}
          </button>
        )}
      </div>
      <ListToolbar
        search={filter}
        onSearch={setFilter}
        placeholder={t('common.name')}
        searchLabel={t('orgs.searchSupport')}
        count={t('orgs.supportCount', { count: list.data?.items.length ?? 0 })}
        total={list.data?.items.length ?? 0}
        shown={rows.length}
      />
      <FormError error={list.error} />
      <DataTable
        label={t('orgs.supportOrgs')}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        empty={list.isPending ? t('common.loading') : t('orgs.noSupport')}
      />
      <AddSupportOrgDialog
        open={adding}
        orgId={orgId}
        onClose={() => setAdding(false)}
        onAdded={() => void client.invalidateQueries({ queryKey: ['support-orgs'] })}
      />
    </section>
  );
}

function AddSupportOrgDialog({
  open,
  orgId,
  onClose,
  onAdded,
}: {
  open: boolean;
  orgId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [pool, setPool] = useState('50');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await api.post(`/api/v1/orgs/${orgId}/support-orgs`, { name, ownerEmail, devicePool: Number(pool) });
      onAdded();
      onClose();
      setName('');
      setOwnerEmail('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('orgs.addSupport')} open={open} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="so-name">{t('common.orgName')}</label>
          <input id="so-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="so-owner">{t('orgs.ownerEmail')}</label>
          <input
            id="so-owner"
            type="email"
            value={ownerEmail}
            onChange={(e) => setOwnerEmail(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="so-pool">{t('orgs.licensedDevices')}</label>
          <input
            id="so-pool"
            type="number"
            min={0}
            value={pool}
            onChange={(e) => setPool(e.target.value)}
            required
          />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('common.add')}</button>
        </div>
      </form>
    </Dialog>
  );
}
