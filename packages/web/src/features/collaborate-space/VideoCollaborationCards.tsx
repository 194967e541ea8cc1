import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CsCall, CsDashboard, CsLicense, VideoStatus } from '@crosspoint/protocol';
import { useOrg } from '../../auth/session.tsx';
import { errorMessage, statusLabel } from '../../i18n/labels.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { DonutChart } from '../../ui/DonutChart.tsx';
import { useCsDashboard } from './queries.ts';

const videoSlices: { key: keyof CsDashboard['videoStatus']; status: VideoStatus; color: string }[] = [
  { key: 'down', status: 'Down', color: 'var(--down)' },
  { key: 'communicationServiceFailed', status: 'Communication Service Failed', color: 'var(--issue)' },
  { key: 'healthy', status: 'Healthy', color: 'var(--ok)' },
];
const presenceColors = {
  online: 'var(--ok)',
  busy: 'var(--down)',
  away: 'var(--issue)',
  offline: 'var(--muted-dot)',
} as const;

/**
 * The dashboard's video part: Video Devices by status (the hub's own statuses, live), and through
 * the organization's COLLABORATE Space link its users' presence, licenses and phone calls
 * (refetched every few seconds; see queries.ts). Not linked: what to do about it.
 */
export function VideoCollaborationCards() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const navigate = useNavigate();
  const dashboard = useCsDashboard(orgId);
  const d = dashboard.data;
  const video = d?.videoStatus;
  const videoTotal = video ? video.down + video.communicationServiceFailed + video.healthy : 0;
  const cs = d?.collaborateSpace;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const licenseColumns: Column<CsLicense>[] = [
    { key: 'kind', label: t('collaborateSpace.columns.kind'), render: (l) => l.kind },
    { key: 'seats', label: t('collaborateSpace.columns.seats'), render: (l) => l.seats },
    { key: 'used', label: t('collaborateSpace.columns.used'), render: (l) => l.used },
    { key: 'expires', label: t('collaborateSpace.columns.expires'), render: (l) => l.expiresAt },
  ];
  const callColumns: Column<CsCall>[] = [
    {
      key: 'kind',
      label: t('collaborateSpace.columns.callKind'),
      render: (c) => t(`collaborateSpace.callKind.${c.kind}`),
    },
    { key: 'from', label: t('collaborateSpace.columns.from'), render: (c) => c.from },
    { key: 'to', label: t('collaborateSpace.columns.to'), render: (c) => c.subject || c.to },
    { key: 'started', label: t('collaborateSpace.columns.started'), render: (c) => when(c.startedAt) },
    {
      key: 'duration',
      label: t('collaborateSpace.columns.duration'),
      render: (c) =>
        t('collaborateSpace.minutes', { count: Math.max(1, Math.round(c.durationSeconds / 60)) }),
    },
    {
      key: 'outcome',
      label: t('collaborateSpace.columns.outcome'),
      // An outcome this version does not know shows as CS wrote it.
      render: (c) => t(`collaborateSpace.outcome.${c.outcome}`, { defaultValue: c.outcome }),
    },
  ];
  return (
    <>
      <div className="dashboard">
        <figure className="card">
          <figcaption>{t('collaborateSpace.videoDevices')}</figcaption>
          {video && videoTotal > 0 ? (
            <DonutChart
              label={t('collaborateSpace.videoDevicesLabel')}
              total={videoTotal}
              slices={videoSlices.map((s) => ({
                key: s.status,
                label: statusLabel(t, s.status),
                value: video[s.key],
                color: s.color,
              }))}
              onSelect={(status) => void navigate(`/devices?kind=video&status=${encodeURIComponent(status)}`)}
            />
          ) : (
            <p className="empty-state" {...(dashboard.isError ? { role: 'alert' } : {})}>
              {dashboard.isError
                ? t('dashboard.loadFailed', { message: errorMessage(t, i18n.language, dashboard.error) })
                : dashboard.isPending
                  ? t('common.loading')
                  : t('collaborateSpace.noVideo')}
            </p>
          )}
        </figure>
        {cs?.state === 'linked' && (
          <figure className="card">
            <figcaption>{t('collaborateSpace.registeredUsers')}</figcaption>
            <DonutChart
              label={t('collaborateSpace.presenceLabel')}
              caption={t('collaborateSpace.usersCaption', {
                count: Object.values(cs.presence).reduce((a, b) => a + b, 0),
              })}
              total={Object.values(cs.presence).reduce((a, b) => a + b, 0)}
              slices={(['online', 'busy', 'away', 'offline'] as const).map((p) => ({
                key: p,
                label: t(`collaborateSpace.presence.${p}`),
                value: cs.presence[p],
                color: presenceColors[p],
              }))}
            />
          </figure>
        )}
        {cs?.state === 'not-linked' && (
          <figure className="card">
            <figcaption>{t('collaborateSpace.title')}</figcaption>
            <p className="empty-state">{t('collaborateSpace.notLinkedDashboard')}</p>
            {can('org.update') ? (
              <Link className="button" to="/settings?tab=account">
                {t('collaborateSpace.linkAction')}
              </Link>
            ) : (
              <p className="muted">{t('collaborateSpace.askAdministrator')}</p>
            )}
          </figure>
        )}
        {cs?.state === 'unreachable' && (
          <figure className="card">
            <figcaption>{t('collaborateSpace.title')}</figcaption>
            <p role="alert" className="error">
              {t('collaborateSpace.unreachable')}
            </p>
            <p className="muted">
              {cs.step === 'refresh' || cs.step === 'unauthorized'
                ? t('collaborateSpace.linkAgain')
                : cs.message}
            </p>
          </figure>
        )}
      </div>
      {cs?.state === 'linked' && (
        <>
          <figure className="card">
            <figcaption>{t('collaborateSpace.allLicenses')}</figcaption>
            <DataTable
              label={t('collaborateSpace.allLicenses')}
              columns={licenseColumns}
              rows={cs.licenses}
              rowKey={(l) => l.id}
              compact
            />
          </figure>
          <figure className="card">
            <figcaption>{t('collaborateSpace.phoneCalls')}</figcaption>
            <DataTable
              label={t('collaborateSpace.phoneCalls')}
              columns={callColumns}
              rows={cs.calls}
              rowKey={(c) => c.id}
              compact
              empty={t('collaborateSpace.noCalls')}
            />
          </figure>
        </>
      )}
    </>
  );
}
