import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { formatDate, formatDay } from '../../format.ts';
import { errorMessage } from '../../i18n/labels.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useOrganization } from './queries.ts';

/** The current organization at a glance: kind, plan or pool, and what it holds. */
export function OverviewScreen() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const org = useOrganization(orgId, { refetchInterval: 30_000 });
  if (org.isPending) return <p role="status">{t('overview.loading')}</p>;
  if (org.isError) {
    return (
      <p role="alert" className="error">
        {t('overview.loadFailed', { message: errorMessage(t, i18n.language, org.error) })}
      </p>
    );
  }
  const o = org.data;
  return (
    <section aria-labelledby="overview-title">
      <div className="screen-head">
        <h1 id="overview-title">{o.name}</h1>
        {o.status && <StatusBadge status={o.status} />}
      </div>
      <div className="cards">
        {o.plan && (
          <div className="card stat">
            <h2>{t('overview.plan')}</h2>
            <p className="big">{o.plan.maxDevices}</p>
            <p className="muted">
              {t('overview.planDevices', {
                start: formatDay(o.plan.start, i18n.language),
                end: formatDay(o.plan.end, i18n.language),
              })}
            </p>
          </div>
        )}
        {o.pool && (
          <div className="card stat">
            <h2>{t('overview.pool')}</h2>
            <p className="big">{o.pool.available}</p>
            <p className="muted">
              {t('overview.poolAvailable', { total: o.pool.total, allocated: o.pool.allocated })}
            </p>
            <Meter value={o.pool.allocated} max={o.pool.total} label={t('overview.poolAllocated')} />
          </div>
        )}
        <Stat label={t('nav.users')} open={t('overview.openUsers')} value={o.counts.users} to="/users" />
        {o.kind !== 'platform' && (
          <Stat
            label={t('nav.servers')}
            open={t('dashboard.openServers')}
            value={o.counts.servers}
            to="/servers"
          />
        )}
        {(o.kind === 'support' || o.kind === 'platform') && (
          <Stat
            label={o.kind === 'platform' ? t('orgs.supportOrgs') : t('orgs.clientsTable')}
            open={o.kind === 'platform' ? t('overview.openSupport') : t('overview.openClients')}
            value={o.counts.clients}
            to="/organizations"
          />
        )}
        <Stat label={t('devices.titleProAudio')} value={o.counts.proAudioDevices} />
      </div>
      <dl className="facts" aria-label={t('overview.facts')}>
        {o.accountNumber && (
          <>
            <dt>{t('orgs.accountNumber')}</dt>
            <dd>{o.accountNumber}</dd>
          </>
        )}
        {o.clientReference && (
          <>
            <dt>{t('overview.clientReference')}</dt>
            <dd>{o.clientReference}</dd>
          </>
        )}
        {o.parent && (
          <>
            <dt>{t('overview.supportedBy')}</dt>
            <dd>{o.parent.name}</dd>
          </>
        )}
        <dt>{t('common.created')}</dt>
        <dd>{formatDate(o.createdAt, i18n.language)}</dd>
      </dl>
    </section>
  );
}

function Stat({ label, open, value, to }: { label: string; open?: string; value: number; to?: string }) {
  return (
    <div className="card stat">
      <h2>{label}</h2>
      <p className="big">{value}</p>
      {to && <Link to={to}>{open}</Link>}
    </div>
  );
}

function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div
      className="meter-bar"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <span style={{ width: `${String(pct)}%` }} />
    </div>
  );
}
