import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UsageDay } from '@crosspoint/protocol';
import { urlOf } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDateTime, formatDay, formatNumber } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { GroupedBarChart } from '../../ui/GroupedBarChart.tsx';
import { currentMonth, formatMonth, isMonth, shiftMonth } from './month.ts';
import { useUsage } from './queries.ts';
import { UsageTotals } from './UsageTotals.tsx';

/**
 * Usage of one organization for a month (docs/metering.md): devices monitored per UTC day by
 * family as a chart and a table, the month's totals, plan changes, and the days as CSV. Opened by a
 * client from its navigation (`/usage`) or by its support organization from the client's row
 * (`/organizations/:clientId/usage`).
 */
export function UsageScreen() {
  const { t, i18n } = useTranslation();
  const { orgId: ownOrgId } = useOrg();
  const { clientId } = useParams();
  const orgId = clientId ?? ownOrgId;
  const [month, setMonth] = useState(currentMonth);
  const usage = useUsage(orgId, month);
  const lng = i18n.language;
  const num = (n: number) => formatNumber(n, lng, { maximumFractionDigits: 4 });
  const days = usage.data?.days ?? [];
  const columns: Column<UsageDay>[] = [
    {
      key: 'day',
      label: t('usage.day'),
      render: (d) => formatDay(d.day, lng) + (d.partial ? ` (${t('usage.soFar')})` : ''),
    },
    { key: 'paPeak', label: t('usage.proAudioPeak'), render: (d) => d.proAudio.peak },
    { key: 'paDays', label: t('usage.proAudioDeviceDays'), render: (d) => num(d.proAudio.deviceDays) },
    { key: 'vPeak', label: t('usage.videoPeak'), render: (d) => d.video.peak },
    { key: 'vDays', label: t('usage.videoDeviceDays'), render: (d) => num(d.video.deviceDays) },
    {
      key: 'overflow',
      label: t('usage.overflow'),
      render: (d) =>
        d.overflow
          ? t('usage.overflowed', { count: d.proAudio.overflowedPeak + d.video.overflowedPeak })
          : '—',
    },
    { key: 'plan', label: t('orgs.maxDevices'), render: (d) => d.planMaxDevices ?? '—' },
  ];
  return (
    <section aria-labelledby="usage-title">
      <div className="screen-head">
        <h1 id="usage-title">
          {usage.data ? t('usage.titleOf', { name: usage.data.name }) : t('usage.title')}
        </h1>
        {clientId && <Link to="/organizations">{t('usage.backToClients')}</Link>}
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => setMonth((m) => shiftMonth(m, -1))}>
          {t('usage.previousMonth')}
        </button>
        <label>
          {t('usage.month')}{' '}
          <input
            type="month"
            value={month}
            onChange={(e) => {
              if (isMonth(e.target.value)) setMonth(e.target.value);
            }}
          />
        </label>
        <button type="button" onClick={() => setMonth((m) => shiftMonth(m, 1))}>
          {t('usage.nextMonth')}
        </button>
        <a href={urlOf('exportUsage', { params: { orgId }, query: { month } })} download>
          {t('usage.downloadCsv')}
        </a>
      </div>
      <FormError error={usage.error} />
      <p className="muted">{t('usage.rule')}</p>
      {usage.data && <UsageTotals total={usage.data.total} month={formatMonth(month, lng)} />}
      <h2>{t('usage.perDay')}</h2>
      <GroupedBarChart
        label={t('usage.chartLabel', { month: formatMonth(month, lng) })}
        describedBy="usage-days"
        labels={days.map((d) => d.day)}
        tick={(d) => d.slice(8)}
        series={[
          { name: t('nav.proAudio'), className: 'bar-pro-audio', values: days.map((d) => d.proAudio.peak) },
          { name: t('nav.video'), className: 'bar-video', values: days.map((d) => d.video.peak) },
        ]}
      />
      <div id="usage-days">
        <DataTable
          label={t('usage.tableLabel', { month: formatMonth(month, lng) })}
          columns={columns}
          rows={days}
          rowKey={(d) => d.day}
          empty={usage.isPending ? t('common.loading') : t('usage.noDays')}
        />
      </div>
      <h2>{t('usage.planChanges')}</h2>
      {usage.data && usage.data.planChanges.length > 0 ? (
        <ul>
          {usage.data.planChanges.map((c) => (
            <li key={`${c.at}-${c.kind}`}>
              {t(c.kind === 'created' ? 'usage.planCreated' : 'usage.planChanged', {
                when: formatDateTime(c.at, lng),
                who: c.actor,
                max: c.maxDevices ?? '—',
                before: c.previousMaxDevices ?? '—',
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('usage.noPlanChanges')}</p>
      )}
    </section>
  );
}
