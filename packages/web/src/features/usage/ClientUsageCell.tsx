import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientUsageRow } from '@crosspoint/protocol';
import { formatNumber } from '../../format.ts';
import { currentMonth } from './month.ts';
import { useClientUsage } from './queries.ts';

/** This month's usage of a support organization's clients, by client id (for the Organizations table). */
export function useMonthUsage(orgId: string): Map<string, ClientUsageRow> {
  const usage = useClientUsage(orgId, currentMonth());
  return useMemo(() => new Map((usage.data?.items ?? []).map((r) => [r.orgId, r])), [usage.data]);
}

/** "Pro Audio 11.2 avg / 12 peak", with Video when the client has any. */
export function ClientUsageCell({ row }: { row: ClientUsageRow | undefined }) {
  const { t, i18n } = useTranslation();
  if (!row) return <>—</>;
  const num = (n: number) => formatNumber(n, i18n.language, { maximumFractionDigits: 2 });
  const { proAudio, video } = row.total;
  return (
    <>
      {t('usage.cellProAudio', { average: num(proAudio.averageDevices), peak: proAudio.peak })}
      {video.peak > 0 && (
        <>
          <br />
          {t('usage.cellVideo', { average: num(video.averageDevices), peak: video.peak })}
        </>
      )}
    </>
  );
}
