import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { alertKeys, useWebhooks } from './queries.ts';

export function WebhooksTab() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const hooks = useWebhooks(orgId);
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
      await client.invalidateQueries({ queryKey: alertKeys.webhooks });
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
