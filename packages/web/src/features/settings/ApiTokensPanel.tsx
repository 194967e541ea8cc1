import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { FormError } from '../../ui/FormError.tsx';
import { settingsKeys, useApiTokens } from './queries.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import type { ApiToken } from './queries.ts';

/** How long a new token is valid, in days (the hub's default is 90). */
const validities = [30, 90, 365] as const;

/** Scoped API tokens for integrations; the secret is shown once. */
export function ApiTokensPanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { orgId } = useOrg();
  const client = useQueryClient();
  const tokens = useApiTokens(orgId);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'administrator' | 'monitor'>('monitor');
  const [days, setDays] = useState<number>(90);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: settingsKeys.tokens });
  const create = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await call('createApiToken', {
        params: { orgId },
        body: { name, role, expiresInDays: days },
      });
      setSecret(r.secret);
      setName('');
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const columns: Column<ApiToken>[] = [
    { key: 'name', label: t('common.name'), render: (token) => token.name },
    { key: 'role', label: t('users.role'), render: (token) => t(`roles.${token.role}`) },
    { key: 'created', label: t('common.created'), render: (token) => formatDate(token.createdAt, lng) },
    {
      key: 'expires',
      label: t('tokens.expires'),
      render: (token) => (token.expiresAt ? formatDate(token.expiresAt, lng) : t('common.never')),
    },
    {
      key: 'lastUsed',
      label: t('tokens.lastUsed'),
      render: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt, lng) : t('common.never')),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (token) => (
        <button
          type="button"
          className="link danger"
          onClick={() => void call('revokeApiToken', { params: { orgId, tokenId: token.id } }).then(refresh)}
        >
          {t('tokens.revoke')}
        </button>
      ),
    },
  ];
  return (
    <div className="card">
      <form onSubmit={(e) => void create(e)} className="form row">
        <div className="field">
          <label htmlFor="tok-name">{t('tokens.name')}</label>
          <input id="tok-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="tok-role">{t('users.role')}</label>
          <select
            id="tok-role"
            value={role}
            onChange={(e) => setRole(e.target.value as 'administrator' | 'monitor')}
          >
            <option value="monitor">{t('tokens.monitorReadOnly')}</option>
            <option value="administrator">{t('roles.administrator')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="tok-days">{t('tokens.validFor')}</label>
          <select id="tok-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {validities.map((d) => (
              <option key={d} value={d}>
                {t('tokens.days', { count: d })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('tokens.create')}</button>
      </form>
      <p className="muted">{t('tokens.expiryNote')}</p>
      {secret && (
        <p role="status" className="secret">
          {t('tokens.secret')} <code data-testid="token-secret">{secret}</code>
        </p>
      )}
      <FormError error={error ?? tokens.error} />
      <DataTable
        label={t('settings.tabs.tokens')}
        columns={columns}
        rows={tokens.data?.items ?? []}
        rowKey={(token) => token.id}
        empty={tokens.data && t('tokens.empty')}
      />
    </div>
  );
}
