import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { alertKeys, useWebhooks } from './queries.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { webhookFormats, type AlertWebhook } from '@crosspoint/protocol';

type Format = (typeof webhookFormats)[number];

export function WebhooksTab() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const hooks = useWebhooks(orgId);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<Format>('crosspoint');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const add = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await call('createWebhook', { params: { orgId }, body: { name, url, format } });
      setSecret(r.secret);
      setName('');
      setUrl('');
      setFormat('crosspoint');
      await client.invalidateQueries({ queryKey: alertKeys.webhooks });
    } catch (err) {
      setError(err);
    }
  };
  const changeFormat = async (w: AlertWebhook, next: Format) => {
    setError(null);
    try {
      await call('updateWebhook', { params: { orgId, webhookId: w.id }, body: { format: next } });
      await client.invalidateQueries({ queryKey: alertKeys.webhooks });
    } catch (err) {
      setError(err);
    }
  };
  const formatOptions = webhookFormats.map((f) => (
    <option key={f} value={f}>
      {t(`alerts.webhookFormats.${f}`)}
    </option>
  ));
  const columns: Column<AlertWebhook>[] = [
    { key: 'name', label: t('common.name'), render: (w) => w.name },
    { key: 'url', label: t('alerts.url'), render: (w) => <code>{w.url}</code> },
    {
      key: 'format',
      label: t('alerts.webhookFormat'),
      render: (w) =>
        can('alerts.manage') ? (
          <select
            aria-label={t('alerts.webhookFormatOf', { name: w.name })}
            value={w.format}
            onChange={(e) => void changeFormat(w, e.target.value as Format)}
          >
            {formatOptions}
          </select>
        ) : (
          t(`alerts.webhookFormats.${w.format}`)
        ),
    },
    {
      key: 'enabled',
      label: t('common.enabled'),
      render: (w) => (w.enabled ? t('common.yes') : t('common.no')),
    },
  ];
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
          <div className="field">
            <label htmlFor="wh-format">{t('alerts.webhookFormat')}</label>
            <select id="wh-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {formatOptions}
            </select>
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
      <DataTable
        label={t('alerts.tabs.webhooks')}
        columns={columns}
        rows={hooks.data?.items ?? []}
        rowKey={(w) => w.id}
        empty={hooks.data && t('alerts.noWebhooks')}
      />
    </>
  );
}
