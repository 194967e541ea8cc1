import { useTranslation } from 'react-i18next';
import type { ReadinessResponse } from '@crosspoint/protocol';
import { formatDate, formatDuration, formatNumber, formatTime } from '../../format.ts';
import { errorMessage } from '../../i18n/labels.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { useNow } from '../../ui/useNow.ts';
import { useReadiness, useSystemInfo } from './queries.ts';
import { OutgoingMail } from './OutgoingMail.tsx';
import { useSession } from '../../auth/session.tsx';

/** What this hub is, what it runs on, and whether each dependency answers. Refreshes every 10 s. */
/** How long the hub has been running, counting on. */
function Uptime({ since }: { since: string }) {
  const { i18n } = useTranslation();
  return formatDuration(useNow() - Date.parse(since), i18n.language);
}

export function SystemScreen() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const info = useSystemInfo();
  const ready = useReadiness();
  const refresh = () => {
    void info.refetch();
    void ready.refetch();
  };
  const busy = info.isFetching || ready.isFetching;
  // The outbox holds every organization's mail: the platform operator's alone.
  const operator = useSession().session?.currentOrg?.kind === 'platform';

  const dependencyColumns: Column<ReadinessResponse['checks'][number]>[] = [
    { key: 'name', label: t('system.dependency'), render: (c) => c.name },
    {
      key: 'state',
      label: t('alerts.col.state'),
      render: (c) => (
        <span className={`badge ${c.ok ? 'ok' : 'down'}`}>
          {c.ok ? t('system.answering') : t('system.notAnswering')}
        </span>
      ),
    },
    {
      key: 'latency',
      label: t('system.latency'),
      render: (c) =>
        t('system.ms', {
          value: formatNumber(c.latencyMs, lng, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        }),
    },
    { key: 'detail', label: t('system.detail'), render: (c) => c.detail ?? '' },
  ];

  return (
    <section aria-labelledby="system-title">
      <div className="screen-head">
        <h1 id="system-title">{t('nav.system')}</h1>
        <button type="button" onClick={refresh} disabled={busy} aria-busy={busy}>
          {busy ? t('common.refreshing') : t('common.refresh')}
        </button>
      </div>
      {info.isPending && <p role="status">{t('system.loading')}</p>}
      {info.isError && (
        <p role="alert" className="error">
          {t('system.loadFailed', { message: errorMessage(t, lng, info.error) })}
        </p>
      )}
      {info.data && (
        <dl className="facts" aria-label={t('system.facts')}>
          <dt>{t('system.version')}</dt>
          <dd data-testid="hub-version">{info.data.version}</dd>
          <dt>{t('system.database')}</dt>
          <dd>{info.data.database === 'pglite' ? t('system.embedded') : 'PostgreSQL'}</dd>
          <dt>{t('system.bus')}</dt>
          <dd>{info.data.bus === 'nats' ? 'NATS' : t('system.inProcess')}</dd>
          <dt>{t('system.runningFor')}</dt>
          <dd title={info.data.startedAt}>
            <Uptime since={info.data.startedAt} />
          </dd>
          <dt>{t('system.installation')}</dt>
          <dd>
            <code>{info.data.installationId}</code>{' '}
            {t('system.installedSince', { date: formatDate(info.data.installedAt, lng) })}
          </dd>
        </dl>
      )}
      <h2>{t('system.dependencies')}</h2>
      {ready.data && (
        <DataTable
          label={t('system.dependencies')}
          columns={dependencyColumns}
          rows={ready.data.checks}
          rowKey={(c) => c.name}
        />
      )}
      {ready.isError && (
        <p role="alert" className="error">
          {t('system.readinessUnknown', { message: errorMessage(t, lng, ready.error) })}
        </p>
      )}
      {ready.dataUpdatedAt > 0 && (
        <p className="muted" data-testid="checked-at">
          {t('system.checkedAt', { time: formatTime(ready.dataUpdatedAt, lng) })}
        </p>
      )}
      {operator ? <OutgoingMail /> : null}
    </section>
  );
}
