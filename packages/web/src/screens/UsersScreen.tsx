import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, UserRow } from '@crosspoint/protocol';
import { languages, roleLabels, roles } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';
import { ListToolbar, MoreButton } from '../ui/ListToolbar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useCursorList } from '../ui/useCursorList.ts';
import { useDebounced } from '../ui/useDebounced.ts';

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : 'Never');

export function UsersScreen() {
  const { orgId, can, session } = useOrg();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState({ sort: 'name', order: 'asc' as 'asc' | 'desc' });
  const [inviting, setInviting] = useState(false);
  const debounced = useDebounced(search);
  const list = useCursorList<UserRow>('users', `/api/v1/orgs/${orgId}/users`, { search: debounced, role, status, ...sort });
  const manage = can('users.manage');
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => api.patch(`/api/v1/orgs/${orgId}/users/${id}`, { role }),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`/api/v1/orgs/${orgId}/users/${id}`), onSettled: refresh });
  const resend = useMutation({ mutationFn: (id: string) => api.post(`/api/v1/orgs/${orgId}/users/${id}/resend-invitation`) });

  const columns: Column<UserRow>[] = [
    { key: 'status', label: 'Status', sort: 'status', render: (u) => <StatusBadge status={u.status} since={new Date(u.statusSince).toLocaleDateString()} /> },
    { key: 'name', label: 'Name', sort: 'name', render: (u) => u.name },
    { key: 'email', label: 'Email address', sort: 'email', render: (u) => u.email },
    {
      key: 'role',
      label: 'Role',
      sort: 'role',
      render: (u) =>
        manage && u.id !== session.user.id ? (
          <select
            aria-label={`Role of ${u.email}`}
            value={u.role}
            onChange={(e) => changeRole.mutate({ id: u.id, role: e.target.value as Role })}
          >
            {roles.map((r) => (
              <option key={r} value={r} disabled={r === 'owner' && !can('owners.manage')}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        ) : (
          roleLabels[u.role]
        ),
    },
    { key: 'last', label: 'Last accessed', sort: 'lastAccessedAt', render: (u) => day(u.lastAccessedAt) },
    { key: 'type', label: 'Type', render: (u) => u.type },
    {
      key: 'actions',
      label: 'Actions',
      render: (u) =>
        manage && u.id !== session.user.id ? (
          <span className="row-actions">
            {u.status === 'Invited' && (
              <button type="button" className="link" onClick={() => resend.mutate(u.id)}>
                Resend invitation
              </button>
            )}
            <button
              type="button"
              className="link danger"
              onClick={() => {
                if (window.confirm(`Remove ${u.email} from this organization?`)) remove.mutate(u.id);
              }}
            >
              Remove
            </button>
          </span>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="users-title">
      <div className="screen-head">
        <h1 id="users-title">Users</h1>
        {manage && (
          <button type="button" onClick={() => setInviting(true)}>
            Add users
          </button>
        )}
      </div>
      <ListToolbar search={search} onSearch={setSearch} placeholder="Name or email" total={list.total} shown={list.items.length} noun="users">
        <select aria-label="Filter by role" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">All roles</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </select>
        <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All statuses</option>
          <option value="Invited">Invited</option>
          <option value="Registered">Registered</option>
        </select>
      </ListToolbar>
      <FormError error={changeRole.error ?? remove.error ?? resend.error ?? list.error} />
      {resend.isSuccess && <p role="status">Invitation sent again.</p>}
      <DataTable
        label="Users"
        columns={columns}
        rows={list.items}
        rowKey={(u) => u.id}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        empty={list.isPending ? 'Loading users…' : debounced || role || status ? 'No user matches these filters.' : 'No users yet.'}
      />
      <MoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      <InviteDialog open={inviting} onClose={() => setInviting(false)} orgId={orgId} canOwners={can('owners.manage')} onDone={() => void refresh()} />
    </section>
  );
}

function InviteDialog({ open, onClose, orgId, canOwners, onDone }: { open: boolean; onClose: () => void; orgId: string; canOwners: boolean; onDone: () => void }) {
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState<Role>('monitor');
  const [language, setLanguage] = useState('en');
  const [result, setResult] = useState<{ invited: string[]; added: string[]; alreadyMembers: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = emails
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setResult(await api.post(`/api/v1/orgs/${orgId}/users/invitations`, { emails: list, role, language }));
      setEmails('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };
  return (
    <Dialog title="Add users" open={open} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="invite-emails">Email addresses (one or many, separated by commas or new lines)</label>
          <textarea id="invite-emails" rows={4} value={emails} onChange={(e) => setEmails(e.target.value)} autoFocus />
          <span className="muted">{list.length} address{list.length === 1 ? '' : 'es'}</span>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r} disabled={r === 'owner' && !canOwners}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="invite-language">Language</label>
            <select id="invite-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
        </div>
        <FormError error={error} />
        {result && (
          <p role="status">
            {result.invited.length} invited{result.added.length ? `, ${String(result.added.length)} added (already had an account)` : ''}
            {result.alreadyMembers.length ? `, ${String(result.alreadyMembers.length)} already members` : ''}.
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={close}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button type="submit" disabled={list.length === 0}>
            Add
          </button>
        </div>
      </form>
    </Dialog>
  );
}
