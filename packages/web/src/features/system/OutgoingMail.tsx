import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutboxMail } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { errorMessage } from '../../i18n/labels.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

const statuses = ['sent', 'queued', 'failed', 'kept'] as const;

/**
 * The operator's view of the hub's outgoing mail (Hub status): what was sent, what waits or failed
 * and why, and what is kept without an SMTP server (the demo, an evaluation) so it can be read here.
 * The last 200 messages, newest first, searchable by recipient and subject; every 15 s.
 */
export function OutgoingMail() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<OutboxMail['status'] | ''>('');
  const [reading, setReading] = useState<OutboxMail | null>(null);
  const outbox = useQuery({
    queryKey: ['outbox'],
    queryFn: ({ signal }) => call('listOutbox', { query: { limit: 200 } }, { signal }),
    refetchInterval: 15_000,
  });
  const needle = search.trim().toLowerCase();
  const rows = (outbox.data?.items ?? []).filter(
    (m) =>
      (!status || m.status === status) &&
      (!needle || m.to.includes(needle) || m.subject.toLowerCase().includes(needle)),
  );
  const columns: Column<OutboxMail>[] = [
    { key: 'at', label: t('system.mail.at'), render: (m) => formatDateTime(m.createdAt, lng) },
    { key: 'to', label: t('system.mail.to'), render: (m) => m.to, text: (m) => m.to },
    {
      key: 'subject',
      label: t('system.mail.subject'),
      render: (m) => (
        <button
          type="button"
          className="link"
          aria-label={t('system.mail.readOf', { subject: m.subject })}
          onClick={() => setReading(m)}
        >
          {m.subject}
        </button>
      ),
    },
    {
      key: 'status',
      label: t('common.status'),
      render: (m) => (
        <span className={`badge ${m.status === 'sent' ? 'ok' : m.status === 'failed' ? 'down' : 'update'}`}>
          {t(`system.mail.status.${m.status}`)}
        </span>
      ),
    },
    { key: 'attempts', label: t('system.mail.attempts'), render: (m) => m.attempts },
    { key: 'error', label: t('system.mail.lastError'), render: (m) => m.lastError ?? '' },
  ];
  return (
    <section aria-labelledby="outgoing-mail">
      <h2 id="outgoing-mail">{t('system.mail.title')}</h2>
      <p className="muted">{t('system.mail.intro')}</p>
      <div className="toolbar">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('system.mail.searchPlaceholder')}
          aria-label={t('system.mail.search')}
        />
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value as OutboxMail['status'] | '')}
          aria-label={t('system.mail.statusFilter')}
        >
          <option value="">{t('system.mail.anyStatus')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`system.mail.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {outbox.isError ? (
        <p role="alert" className="error">
          {errorMessage(t, lng, outbox.error)}
        </p>
      ) : (
        <DataTable
          label={t('system.mail.title')}
          columns={columns}
          rows={rows}
          rowKey={(m) => String(m.id)}
          dense
          empty={
            outbox.isPending
              ? t('common.loading')
              : outbox.data.items.length
                ? t('system.mail.noMatch')
                : t('system.mail.empty')
          }
        />
      )}
      <Dialog title={reading?.subject ?? ''} open={reading !== null} onClose={() => setReading(null)} wide>
        {reading ? (
          <div className="form">
            <dl className="facts">
              <dt>{t('system.mail.to')}</dt>
              <dd>{reading.to}</dd>
              <dt>{t('system.mail.at')}</dt>
              <dd>{formatDateTime(reading.createdAt, lng)}</dd>
              <dt>{t('common.status')}</dt>
              <dd>{t(`system.mail.status.${reading.status}`)}</dd>
            </dl>
            <pre className="mail-text">{reading.text}</pre>
            <div className="actions">
              <button type="button" onClick={() => setReading(null)}>
                {t('common.close')}
              </button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
