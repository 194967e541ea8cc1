import { useState, type SyntheticEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Location, ServerRow } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../ui/ListToolbar.tsx';
import { PasswordInput } from '../ui/PasswordInput.tsx';
import { PasswordMeter } from '../ui/PasswordMeter.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useCursorList } from '../ui/useCursorList.ts';
import { useDebounced } from '../ui/useDebounced.ts';

/** Agent server accounts: what each on-site agent signs in with, and how it is doing. */
export function ServersScreen() {
  const { orgId, can, session } = useOrg();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState({ sort: 'name', order: 'asc' as 'asc' | 'desc' });
  const [adding, setAdding] = useState(false);
  const [rotating, setRotating] = useState<ServerRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(search);
  const list = useCursorList<ServerRow>('servers', `/api/v1/orgs/${orgId}/servers`, { search: debounced, status, ...sort }, 50, 10_000);
  const manage = can('servers.manage');
  const refresh = () => client.invalidateQueries({ queryKey: ['servers'] });
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
    { key: 'status', label: 'Status', sort: 'status', render: (s) => <StatusBadge status={s.status} /> },
    { key: 'name', label: 'Name', sort: 'name', render: (s) => s.name },
    { key: 'devices', label: 'Devices', sort: 'deviceCount', render: (s) => s.deviceCount },
    { key: 'monitoring', label: 'Monitoring system', render: (s) => s.monitoring },
    { key: 'version', label: 'Agent version', render: (s) => s.agentVersion ?? '—' },
    { key: 'subnets', label: 'Enabled subnets', render: (s) => `${String(s.subnets.enabled)} of ${String(s.subnets.total)}` },
    { key: 'location', label: 'Location', render: (s) => s.location?.name ?? '—' },
    { key: 'seen', label: 'Last seen', sort: 'lastSeenAt', render: (s) => (s.lastSeenAt ? new Date(s.lastSeenAt).toLocaleString() : 'Never') },
    {
      key: 'actions',
      label: 'Actions',
      render: (s) =>
        manage ? (
          <span className="row-actions">
            <button type="button" className="link" onClick={() => void act(() => api.patch(`/api/v1/orgs/${orgId}/servers/${s.id}`, { disabled: s.status !== 'Disabled' }))}>
              {s.status === 'Disabled' ? 'Enable' : 'Disable'}
            </button>
            <button type="button" className="link" onClick={() => setRotating(s)}>
              Change password
            </button>
            <button
              type="button"
              className="link danger"
              onClick={() => {
                if (window.confirm(`Delete the server account ${s.name}? Its agent will be disconnected; its devices stay, unassigned.`)) {
                  void act(() => api.delete(`/api/v1/orgs/${orgId}/servers/${s.id}`));
                }
              }}
            >
              Delete
            </button>
          </span>
        ) : null,
    },
  ];
  return (
    <section aria-labelledby="servers-title">
      <div className="screen-head">
        <h1 id="servers-title">Servers</h1>
        {manage && (
          <button type="button" onClick={() => setAdding(true)}>
            Add agent server account
          </button>
        )}
      </div>
      <ListToolbar search={search} onSearch={setSearch} placeholder="Name or agent version" total={list.total} shown={list.items.length} noun="servers">
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          {['Connected', 'Disconnected', 'Disabled'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </ListToolbar>
      <FormError error={error ?? list.error} />
      <DataTable
        label="Servers"
        columns={columns}
        rows={list.items}
        rowKey={(s) => s.id}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        empty={
          list.isPending ? 'Loading…' : debounced || status ? 'No server matches these filters.' : 'No agent server accounts yet. Add one, then enter its name and password in the agent on site (see Downloads).'
        }
      />
      <MoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      <ServerAccountDialog
        open={adding}
        title="Add agent server account"
        orgId={orgId}
        orgName={session.currentOrg?.name ?? ''}
        onClose={() => setAdding(false)}
        onDone={() => void refresh()}
      />
      {rotating && (
        <ServerAccountDialog
          open
          title={`Change the password of ${rotating.name}`}
          orgId={orgId}
          orgName={session.currentOrg?.name ?? ''}
          server={rotating}
          onClose={() => setRotating(null)}
          onDone={() => void refresh()}
        />
      )}
    </section>
  );
}

function ServerAccountDialog({ open, title, orgId, orgName, server, onClose, onDone }: { open: boolean; title: string; orgId: string; orgName: string; server?: ServerRow; onClose: () => void; onDone: () => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [locationId, setLocationId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const locations = useQuery({
    queryKey: ['locations', orgId],
    queryFn: ({ signal }) => api.get<{ items: Location[] }>(`/api/v1/orgs/${orgId}/locations`, { signal }),
    enabled: open && !server,
  });
  const mismatch = confirm.length > 0 && confirm !== password;
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setError(null);
    try {
      if (server) await api.put(`/api/v1/orgs/${orgId}/servers/${server.id}/password`, { password });
      else await api.post(`/api/v1/orgs/${orgId}/servers`, { name, password, ...(locationId ? { locationId } : {}) });
      onDone();
      setName('');
      setPassword('');
      setConfirm('');
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <p className="muted">These are the agent’s credentials, not your personal ones. Enter them in the agent under Settings › External Services.</p>
        {!server && (
          <>
            <div className="field">
              <label htmlFor="srv-name">Agent server account name</label>
              <input id="srv-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
            </div>
            <div className="field">
              <label htmlFor="srv-location">Location</label>
              <select id="srv-location" value={locationId} onChange={(e) => setLocationId(e.target.value)}>
                <option value="">No location</option>
                {(locations.data?.items ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.path.join(' › ')}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <PasswordInput label="Password" value={password} onChange={setPassword} autoComplete="new-password" autoFocus={Boolean(server)} />
        <PasswordMeter password={password} kind="agent" userInputs={[name, orgName]} />
        <div className="field">
          <label htmlFor="srv-confirm">Confirm password</label>
          <input id="srv-confirm" type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" required aria-invalid={mismatch} />
          {mismatch && <span className="error">The passwords differ.</span>}
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={mismatch}>
            {server ? 'Change password' : 'Add'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
