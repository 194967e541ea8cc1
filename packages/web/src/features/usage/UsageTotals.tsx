import { useTranslation } from 'react-i18next';
import type { UsageTotal } from '@crosspoint/protocol';
import { formatNumber } from '../../format.ts';

/** A month's figures as an invoice bills them: average devices (device-days / days) and peak, by family; Overflow days. */
export function UsageTotals({ total, month }: { total: UsageTotal; month: string }) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language, { maximumFractionDigits: 2 });
  const family = (name: string, k: UsageTotal['proAudio']) => (
    <div className="stat">
      <dt>{name}</dt>
      <dd>
        {t('usage.averagePeak', { average: num(k.averageDevices), peak: k.peak })}
        <br />
        <small>{t('usage.deviceDays', { count: k.deviceDays, value: num(k.deviceDays) })}</small>
      </dd>
    </div>
  );
  return (
    <dl className="usage-totals" aria-label={t('usage.totalsOf', { month })}>
      {family(t('nav.proAudio'), total.proAudio)}
      {family(t('nav.video'), total.video)}
      <div className="stat">
        <dt>{t('usage.overflowDays')}</dt>
        <dd>{total.overflowDays}</dd>
      </div>
      <div className="stat">
        <dt>{t('usage.daysMetered')}</dt>
        <dd>{num(total.daysMetered)}</dd>
      </div>
    </dl>
  );
}
