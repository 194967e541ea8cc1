import { useState, type SyntheticEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useOrg } from '../auth/session.tsx';
import { FormError } from '../ui/FormError.tsx';

interface Token {
  id: string;
  name: string;
  role: 'administrator' | 'monitor';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** Scoped API tokens for integrations; the secret is shown once. */
export function ApiTokensPanel() {
  const { orgId } = useOrg();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens', orgId], queryFn: ({ signal }) => api.get<{ items: Token[] }>(`/api/v1/orgs/${orgId}/api-tokens`, { signal }) });
  const [name, setName] = useState('');
  const [role, setRole] = useState<'administrator' | 'monitor'>('monitor');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['tokens'] });
  const create = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ secret: string }>(`/api/v1/orgs/${orgId}/api-tokens`, { name, role });
      setSecret(r.secret);
      setName('');
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="card">
      <form onSubmit={(e) => void create(e)} className="form row">
        <div className="field">
          <label htmlFor="tok-name">Token name</label>
          <input id="tok-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="tok-role">Role</label>
          <select id="tok-role" value={role} onChange={(e) => setRole(e.target.value as 'administrator' | 'monitor')}>
            <option value="monitor">Monitor (read only)</option>
            <option value="administrator">Administrator</option>
          </select>
        </div>
        <button type="submit">Create token</button>
      </form>
      {secret && (
        <p role="status" className="secret">
          Copy this secret now; it is not shown again: <code data-testid="token-secret">{secret}</code>
        </p>
      )}
      <FormError error={error ?? tokens.error} />
      <table className="table" aria-label="API tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(tokens.data?.items ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.role}</td>
              <td>{new Date(t.createdAt).toLocaleDateString()}</td>
              <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'Never'}</td>
              <td>
                <button type="button" className="link danger" onClick={() => void api.delete(`/api/v1/orgs/${orgId}/api-tokens/${t.id}`).then(refresh)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.data?.items.length === 0 && <p className="empty-state">No API tokens.</p>}
    </div>
  );
}
