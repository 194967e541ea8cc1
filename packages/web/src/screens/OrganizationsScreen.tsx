import { useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientRow, Organization, SessionInfo } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg, useSession } from '../auth/session.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../ui/ListToolbar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useCursorList } from '../ui/useCursorList.ts';
import { useDebounced } from '../ui/useDebounced.ts';
import { AddClientWizard } from './AddClientWizard.tsx';

/** Support organizations: their clients. The platform: its support organizations. */
export function OrganizationsScreen() {
  const { session } = useOrg();
  return session.currentOrg?.kind === 'platform' ? <SupportOrgs /> : <Clients />;
}

function Clients() {
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
  const list = useCursorList<ClientRow>('clients', `/api/v1/orgs/${orgId}/clients`, { search: debounced, status, ...sort });
  const refresh = () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'clients' || q.queryKey[0] === 'org' });
  const signInto = async (id: string) => {
    try {
      replace(await api.post<SessionInfo>('/api/v1/auth/switch-org', { orgId: id }));
      void navigate('/');
    } catch (e) {
      setError(e);
    }
  };
  const columns: Column<ClientRow>[] = [
    { key: 'status', label: 'Status', sort: 'status', render: (c) => <StatusBadge status={c.status} /> },
    { key: 'name', label: 'Name', sort: 'name', render: (c) => c.name },
    { key: 'account', label: 'Account number', sort: 'accountNumber', render: (c) => c.accountNumber },
    { key: 'start', label: 'Start date', sort: 'start', render: (c) => c.start },
    { key: 'end', label: 'End date', sort: 'end', render: (c) => c.end },
    { key: 'allocated', label: 'Devices allocated', sort: 'devicesAllocated', render: (c) => c.devicesAllocated },
    { key: 'devices', label: 'Pro Audio devices', render: (c) => c.proAudioDevices },
    { key: 'servers', label: 'Servers', render: (c) => c.servers },
    {
      key: 'actions',
      label: 'Actions',
      render: (c) => (
        <span className="row-actions">
          <button type="button" className="link" onClick={() => void signInto(c.id)}>
            Sign in
          </button>
          {can('clients.manage') && (
            <button type="button" className="link" onClick={() => setEditing(c)}>
              Edit plan
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <section aria-labelledby="orgs-title">
      <div className="screen-head">
        <h1 id="orgs-title">Organizations</h1>
        {can('clients.manage') && (
          <button type="button" onClick={() => setAdding(true)}>
            Add client organization
          </button>
        )}
      </div>
      <ListToolbar search={search} onSearch={setSearch} placeholder="Name, account or reference" total={list.total} shown={list.items.length} noun="client organizations">
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {['Invited', 'Active', 'Expired', 'Overflow'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </ListToolbar>
      <FormError error={error ?? list.error} />
      <DataTable
        label="Client organizations"
        columns={columns}
        rows={list.items}
        rowKey={(c) => c.id}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        empty={list.isPending ? 'Loading…' : debounced || status ? 'No client matches these filters.' : 'No client organizations yet. Add your first client.'}
      />
      <MoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      <AddClientWizard open={adding} onClose={() => setAdding(false)} orgId={orgId} onAdded={() => void refresh()} />
      {editing && <EditPlanDialog client={editing} orgId={orgId} onClose={() => setEditing(null)} onSaved={() => void refresh()} />}
    </section>
  );
}

function EditPlanDialog({ client, orgId, onClose, onSaved }: { client: ClientRow; orgId: string; onClose: () => void; onSaved: () => void }) {
  const [maxDevices, setMaxDevices] = useState(String(client.devicesAllocated));
  const [start, setStart] = useState(client.start);
  const [end, setEnd] = useState(client.end);
  const [reference, setReference] = useState(client.clientReference ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await api.patch(`/api/v1/orgs/${orgId}/clients/${client.id}/plan`, { maxDevices: Number(maxDevices), start, end, clientReference: reference || null });
      onSaved();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={`Service plan of ${client.name}`} open onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <PlanFields maxDevices={maxDevices} setMaxDevices={setMaxDevices} start={start} setStart={setStart} end={end} setEnd={setEnd} />
        <div className="field">
          <label htmlFor="plan-ref">Client reference #</label>
          <input id="plan-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit">Save plan</button>
        </div>
      </form>
    </Dialog>
  );
}

export function PlanFields(p: { maxDevices: string; setMaxDevices: (v: string) => void; start: string; setStart: (v: string) => void; end: string; setEnd: (v: string) => void }) {
  return (
    <div className="row">
      <div className="field">
        <label htmlFor="plan-max">Max Pro Audio devices</label>
        <input id="plan-max" type="number" min={0} value={p.maxDevices} onChange={(e) => p.setMaxDevices(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="plan-start">Start date</label>
        <input id="plan-start" type="date" value={p.start} onChange={(e) => p.setStart(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="plan-end">End date</label>
        <input id="plan-end" type="date" value={p.end} onChange={(e) => p.setEnd(e.target.value)} required />
      </div>
    </div>
  );
}

function SupportOrgs() {
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');
  const list = useQuery({
    queryKey: ['support-orgs', orgId],
    queryFn: ({ signal }) => api.get<{ items: Organization[] }>(`/api/v1/orgs/${orgId}/support-orgs`, { signal }),
    refetchInterval: 30_000,
  });
  const rows = (list.data?.items ?? []).filter((o) => o.name.toLowerCase().includes(filter.toLowerCase()));
  const columns: Column<Organization>[] = [
    { key: 'name', label: 'Name', render: (o) => o.name },
    { key: 'pool', label: 'Device pool', render: (o) => o.pool?.total ?? 0 },
    { key: 'allocated', label: 'Allocated', render: (o) => o.pool?.allocated ?? 0 },
    { key: 'clients', label: 'Clients', render: (o) => o.counts.clients },
    { key: 'users', label: 'Users', render: (o) => o.counts.users },
    { key: 'created', label: 'Created', render: (o) => new Date(o.createdAt).toLocaleDateString() },
  ];
  return (
    <section aria-labelledby="support-title">
      <div className="screen-head">
        <h1 id="support-title">Support organizations</h1>
        {can('clients.manage') && (
          <button type="button" onClick={() => setAdding(true)}>
            Add support organization
          </button>
        )}
      </div>
      <ListToolbar search={filter} onSearch={setFilter} placeholder="Name" total={list.data?.items.length ?? 0} shown={rows.length} noun="support organizations" />
      <FormError error={list.error} />
      <DataTable label="Support organizations" columns={columns} rows={rows} rowKey={(o) => o.id} empty={list.isPending ? 'Loading…' : 'No support organizations yet.'} />
      <AddSupportOrgDialog open={adding} orgId={orgId} onClose={() => setAdding(false)} onAdded={() => void client.invalidateQueries({ queryKey: ['support-orgs'] })} />
    </section>
  );
}

function AddSupportOrgDialog({ open, orgId, onClose, onAdded }: { open: boolean; orgId: string; onClose: () => void; onAdded: () => void }) {
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
    <Dialog title="Add support organization" open={open} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="so-name">Organization name</label>
          <input id="so-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="so-owner">Owner’s email address</label>
          <input id="so-owner" type="email" value={ownerEmail} onChange={(e) => setOwnerEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="so-pool">Licensed Pro Audio devices</label>
          <input id="so-pool" type="number" min={0} value={pool} onChange={(e) => setPool(e.target.value)} required />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit">Add</button>
        </div>
      </form>
    </Dialog>
  );
}
