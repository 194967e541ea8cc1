import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { clientSortKeys, type ClientRow, type OrgStatus } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg, useSession } from '../../auth/session.tsx';
import { formatDay } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../../ui/ListToolbar.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { StatusFilter } from '../../ui/StatusFilter.tsx';
import { useCursorList } from '../../ui/useCursorList.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { isOneOf } from '../../ui/oneOf.ts';
import { AddClientWizard } from './AddClientWizard.tsx';
import { EditPlanDialog } from './EditPlanDialog.tsx';
import { ClientUsageCell, useMonthUsage } from '../usage/ClientUsageCell.tsx';
import { BillingContactDialog } from '../billing/BillingContactDialog.tsx';
import { AmountDueCell, useAmountsDue } from '../billing/AmountDue.tsx';

export function Clients() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const { replace } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<OrgStatus | ''>('');
  const [sort, setSort] = useState<{ sort: (typeof clientSortKeys)[number]; order: 'asc' | 'desc' }>({
    sort: 'name',
    order: 'asc',
  });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ClientRow | null>(null);
  const [billingFor, setBillingFor] = useState<ClientRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(search);
  const usage = useMonthUsage(orgId);
  const amountsDue = useAmountsDue(orgId, can('billing.read'));
  const list = useCursorList(
    'listClients',
    { orgId },
    { search: debounced, status: status || undefined, ...sort },
  );
  const refresh = () =>
    client.invalidateQueries({
      predicate: (q) => ['listClients', 'listAvailableClients', 'org'].includes(String(q.queryKey[0])),
    });
  const signInto = async (id: string) => {
    try {
      replace(await call('switchOrg', { body: { orgId: id } }));
      void navigate('/');
    } catch (e) {
      setError(e);
    }
  };
  // The client keeps its devices, users and plan; its Owners can attach it to a support organization again.
  const release = async (c: ClientRow) => {
    if (!window.confirm(t('orgs.confirmRelease', { name: c.name }))) return;
    setError(null);
    try {
      await call('releaseClient', { params: { orgId, clientId: c.id } });
    } catch (e) {
      setError(e);
    }
    await refresh();
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
      key: 'usage',
      label: t('usage.thisMonth'),
      render: (c) => <ClientUsageCell row={usage.get(c.id)} />,
    },
    ...(can('billing.read')
      ? [
          {
            key: 'due',
            label: t('billing.amountDue'),
            render: (c: ClientRow) => <AmountDueCell due={amountsDue.get(c.id)} />,
          },
        ]
      : []),
    {
      key: 'actions',
      label: t('common.actions'),
      render: (c) => (
        <span className="row-actions">
          <button type="button" className="link" onClick={() => void signInto(c.id)}>
            {t('auth.signIn')}
          </button>
          <Link to={`/organizations/${c.id}/usage`} aria-label={t('usage.openFor', { name: c.name })}>
            {t('usage.open')}
          </Link>
          {can('clients.manage') && (
            <button type="button" className="link" onClick={() => setEditing(c)}>
              {t('orgs.editPlan')}
            </button>
          )}
          {can('billing.read') && (
            <button
              type="button"
              className="link"
              aria-label={t('billing.contact.openFor', { name: c.name })}
              onClick={() => setBillingFor(c)}
            >
              {t('billing.contact.open')}
            </button>
          )}
          {can('clients.manage') && (
            <button type="button" className="link danger" onClick={() => void release(c)}>
              {t('orgs.release')}
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
        onSort={(s, o) => {
          if (isOneOf(clientSortKeys, s)) setSort({ sort: s, order: o });
        }}
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
      {billingFor && (
        <BillingContactDialog orgId={orgId} client={billingFor} onClose={() => setBillingFor(null)} />
      )}
    </section>
  );
}
