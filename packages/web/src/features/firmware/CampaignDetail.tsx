import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Campaign, CampaignTarget } from '@crosspoint/protocol';
import { call, urlOf } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { GroupedBarChart } from '../../ui/GroupedBarChart.tsx';
import { campaignBadge } from './firmware-format.ts';
import { useCampaignTargets } from './queries.ts';

type Action = 'approveCampaign' | 'pauseCampaign' | 'resumeCampaign' | 'abortCampaign';

/** What each status lets people do next. */
const actionsFor: Record<Campaign['status'], Action[]> = {
  'awaiting-approval': ['approveCampaign', 'abortCampaign'],
  running: ['pauseCampaign', 'abortCampaign'],
  paused: ['resumeCampaign', 'abortCampaign'],
  halted: ['resumeCampaign', 'abortCampaign'],
  completed: [],
  aborted: [],
};

/** One campaign: status and why, actions, each wave's counts (table and chart), reports, its devices. */
export function CampaignDetail({ campaign: c }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const targets = useCampaignTargets(orgId, c.id);
  const [error, setError] = useState<unknown>(null);
  const act = async (action: Action) => {
    if (action === 'abortCampaign' && !window.confirm(t('firmware.campaign.abortConfirm', { name: c.name })))
      return;
    setError(null);
    try {
      await call(action, { params: { orgId, campaignId: c.id } });
      await client.invalidateQueries({ queryKey: ['campaigns'] });
    } catch (e) {
      setError(e);
    }
  };
  const waveName = (i: number) =>
    i === 0 && c.pilot > 0
      ? t('firmware.campaign.pilot')
      : t('firmware.campaign.wave', { n: c.pilot > 0 ? i : i + 1 });
  const tableId = `waves-${c.id}`;
  const targetColumns: Column<CampaignTarget>[] = [
    { key: 'device', label: t('firmware.campaign.device'), render: (x) => x.deviceName },
    { key: 'org', label: t('devices.columns.organization'), render: (x) => x.organization.name },
    {
      key: 'wave',
      label: t('firmware.campaign.waveCol'),
      render: (x) => (x.wave < 0 ? '—' : waveName(x.wave)),
    },
    { key: 'state', label: t('common.status'), render: (x) => t(`firmware.target.${x.state}`) },
    { key: 'from', label: t('firmware.campaign.from'), render: (x) => x.fromVersion },
    { key: 'now', label: t('firmware.campaign.now'), render: (x) => x.firmware },
    { key: 'why', label: t('firmware.campaign.why'), render: (x) => x.reason ?? '' },
  ];
  return (
    <section className="card" aria-labelledby={`campaign-${c.id}`}>
      <h2 id={`campaign-${c.id}`}>
        {c.name}{' '}
        <span className={`badge ${campaignBadge[c.status]}`} data-testid="campaign-status">
          {t(`firmware.campaign.status.${c.status}`)}
        </span>
      </h2>
      {c.haltReason && (
        <p role="alert" data-testid="halt-reason">
          {c.haltReason}
        </p>
      )}
      <p className="muted">
        {t('firmware.campaign.summary', {
          version: c.package.version,
          success: c.successThreshold,
          error: c.errorThreshold,
          gate: c.healthGateMinutes,
        })}
        {c.window &&
          ` ${t('firmware.campaign.windowText', { start: c.window.start, minutes: c.window.durationMinutes, zone: c.window.timeZone })}`}
        {c.approvedBy && ` ${t('firmware.campaign.approvedBy', { who: c.approvedBy })}`}
      </p>
      {can('devices.command') && (
        <div className="row-actions">
          {actionsFor[c.status].map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'abortCampaign' ? 'secondary' : undefined}
              onClick={() => void act(a)}
            >
              {t(`firmware.campaign.actions.${a}`)}
            </button>
          ))}
        </div>
      )}
      <FormError error={error} />
      <GroupedBarChart
        label={t('firmware.campaign.chart', { name: c.name })}
        describedBy={tableId}
        labels={c.waves.map((w) => waveName(w.index))}
        series={[
          {
            name: t('firmware.target.updated'),
            className: 'bar-updated',
            values: c.waves.map((w) => w.updated),
          },
          {
            name: t('firmware.campaign.running'),
            className: 'bar-running',
            values: c.waves.map((w) => w.running),
          },
          {
            name: t('firmware.target.failed'),
            className: 'bar-failed',
            values: c.waves.map((w) => w.failed),
          },
          {
            name: t('firmware.target.pending'),
            className: 'bar-pending',
            values: c.waves.map((w) => w.pending),
          },
        ]}
      />
      <table className="table compact" id={tableId} aria-label={t('firmware.campaign.waves')}>
        <thead>
          <tr>
            <th scope="col">{t('firmware.campaign.waveCol')}</th>
            <th scope="col">{t('firmware.campaign.total')}</th>
            <th scope="col">{t('firmware.target.pending')}</th>
            <th scope="col">{t('firmware.campaign.running')}</th>
            <th scope="col">{t('firmware.target.updated')}</th>
            <th scope="col">{t('firmware.target.failed')}</th>
            <th scope="col">{t('firmware.target.cancelled')}</th>
          </tr>
        </thead>
        <tbody>
          {c.waves.map((w) => (
            <tr
              key={w.index}
              data-testid={`wave-${String(w.index)}`}
              aria-current={w.index === c.currentWave ? 'step' : undefined}
            >
              <th scope="row">{waveName(w.index)}</th>
              <td>{w.total}</td>
              <td>{w.pending}</td>
              <td>{w.running}</td>
              <td>{w.updated}</td>
              <td>{w.failed}</td>
              <td>{w.cancelled}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={urlOf('campaignReportCsv', { params: { orgId, campaignId: c.id } })} download>
          {t('firmware.campaign.reportCsv')}
        </a>{' '}
        ·{' '}
        <a
          href={urlOf('campaignReportPdf', { params: { orgId, campaignId: c.id } })}
          target="_blank"
          rel="noreferrer"
        >
          {t('firmware.campaign.reportPdf')}
        </a>
      </p>
      <DataTable
        label={t('firmware.campaign.devices', { name: c.name })}
        columns={targetColumns}
        rows={targets.data?.items ?? []}
        rowKey={(x) => x.deviceId}
        compact
        empty={targets.isPending ? t('common.loading') : t('firmware.campaign.noDevices')}
      />
      <p className="muted">{new Date(c.createdAt).toLocaleString(i18n.language)}</p>
    </section>
  );
}
