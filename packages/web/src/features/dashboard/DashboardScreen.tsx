import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { OperatorDashboard } from './OperatorDashboard.tsx';
import { errorMessage, statusLabel } from '../../i18n/labels.ts';
import type { DeviceSummary } from '@crosspoint/protocol';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { DonutChart } from '../../ui/DonutChart.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { LocationCounts } from './LocationCounts.tsx';
import { OrganizationCounts } from './OrganizationCounts.tsx';
import { locationsQuery, useLocations } from '../locations/queries.ts';
import { organizationQuery, useOrganization } from '../organizations/queries.ts';
import { deviceSummaryQuery, useDeviceSummary } from '../devices/queries.ts';
import type { ScreenPrefetch } from '../../app/lazy-screen.tsx';
import { FirmwareUpdatesCard } from '../firmware/FirmwareUpdatesCard.tsx';
import { VideoCollaborationCards } from '../collaborate-space/VideoCollaborationCards.tsx';

const groupColors = {
  down: 'var(--down)',
  issues: 'var(--issue)',
  healthy: 'var(--ok)',
  unmonitored: 'var(--muted-dot)',
} as const;

/** The devices' dashboard opened by its address: its counts, organization and locations at once. */
export const prefetchDashboard: ScreenPrefetch = (client, { orgId, session }) => {
  if (session.currentOrg?.kind === 'platform') return;
  for (const query of [deviceSummaryQuery(orgId), organizationQuery(orgId), locationsQuery(orgId)])
    client.query<unknown>(query).catch(() => undefined);
};

/** The dashboard: the operator's for the platform organization, else the devices'. */
export function DashboardScreen() {
  const { session } = useOrg();
  return session.currentOrg?.kind === 'platform' ? <OperatorDashboard /> : <DevicesDashboard />;
}

/**
 * Audio devices by Down / Issues / Healthy (click a slice → that list), by status, model and location;
 * a support organization's take in all its clients' devices, with a table of its clients worst first.
 */
function DevicesDashboard() {
  const { t, i18n } = useTranslation();
  const { orgId, session } = useOrg();
  const navigate = useNavigate();
  const summary = useDeviceSummary(orgId, { refetchInterval: 60_000 });
  const org = useOrganization(orgId);
  const locations = useLocations(orgId);
  const s = summary.data;
  const slices = s
    ? (['down', 'issues', 'healthy', 'unmonitored'] as const)
        // Devices nobody monitors (a subnet disabled at its agent) only when there are some.
        .filter((g) => g !== 'unmonitored' || s.groups.unmonitored > 0)
        .map((g) => ({
          key: g,
          label: t(`groups.${g}`),
          value: s.groups[g],
          color: groupColors[g],
        }))
    : [];
  const video = s?.byModel.filter((m) => m.kind === 'video').reduce((n, m) => n + m.count, 0) ?? 0;
  const modelColumns: Column<DeviceSummary['byModel'][number]>[] = [
    {
      key: 'model',
      label: t('devices.columns.model'),
      render: (m) => <Link to={`/devices?model=${encodeURIComponent(m.model)}`}>{m.model}</Link>,
    },
    { key: 'count', label: t('dashboard.devices'), render: (m) => m.count },
  ];
  return (
    <section aria-labelledby="dash-title">
      <div className="screen-head">
        <h1 id="dash-title">{org.data?.name ?? t('nav.dashboard')}</h1>
        {org.data?.status && <StatusBadge status={org.data.status} />}
      </div>
      {summary.isError && (
        <p role="alert" className="error">
          {t('dashboard.loadFailed', { message: errorMessage(t, i18n.language, summary.error) })}
        </p>
      )}
      <div className="dashboard">
        <figure className="card">
          <figcaption>{t('dashboard.devices')}</figcaption>
          {s && s.total > 0 ? (
            <DonutChart
              label={t('dashboard.byGroup')}
              slices={slices}
              total={s.total}
              onSelect={(key) => void navigate(`/devices?group=${key}`)}
            />
          ) : (
            <p className="empty-state">
              {summary.isPending ? t('common.loading') : t('dashboard.noDevices')}
            </p>
          )}
        </figure>
        <figure className="card">
          <figcaption>{t('dashboard.byStatus')}</figcaption>
          <ul className="status-list" aria-label={t('dashboard.byStatusLabel')}>
            {(s?.byStatus ?? []).map((r) => (
              <li key={r.status}>
                <Link to={`/devices?status=${encodeURIComponent(r.status)}`}>
                  <span className={`dot ${r.group}`} aria-hidden="true" /> {statusLabel(t, r.status)}
                </Link>
                <span>{r.count}</span>
              </li>
            ))}
          </ul>
        </figure>
        <figure className="card">
          <figcaption>
            {video ? t('dashboard.byModelWithVideo', { count: video }) : t('dashboard.byModel')}
          </figcaption>
          <DataTable
            label={t('dashboard.byModelLabel')}
            columns={modelColumns}
            rows={s?.byModel ?? []}
            rowKey={(m) => m.model}
            compact
            headersHidden
          />
        </figure>
        {session.currentOrg?.kind === 'support' ? (
          <figure className="card stat">
            <figcaption>{t('nav.organizations')}</figcaption>
            <p className="big">{org.data?.counts.clients ?? '–'}</p>
            <Link to="/organizations">{t('overview.openClients')}</Link>
          </figure>
        ) : (
          <figure className="card stat">
            <figcaption>{t('nav.servers')}</figcaption>
            <p className="big">{org.data?.counts.servers ?? '–'}</p>
            <Link to="/servers">{t('dashboard.openServers')}</Link>
          </figure>
        )}
        <FirmwareUpdatesCard orgId={orgId} />
      </div>
      {session.currentOrg?.kind === 'support' && (
        <figure className="card">
          <figcaption>{t('dashboard.byOrganization')}</figcaption>
          <OrganizationCounts counts={s?.byOrganization ?? []} />
        </figure>
      )}
      {/* A support organization's devices are its clients' (the card above); its own locations, if any. */}
      {(session.currentOrg?.kind !== 'support' || (locations.data?.items.length ?? 0) > 0) && (
        <figure className="card">
          <figcaption>{t('dashboard.locations')}</figcaption>
          <LocationCounts locations={locations.data?.items ?? []} counts={s?.byLocation ?? []} />
        </figure>
      )}
      <h2>{t('collaborateSpace.dashboardTitle')}</h2>
      <VideoCollaborationCards />
    </section>
  );
}
