import { useTranslation } from 'react-i18next';
import type { DeviceAvailability } from '@crosspoint/protocol';
import { formatDay, formatNumber } from '../../format.ts';

type Day = DeviceAvailability['days'][number];

/** The share of a day's known time the device was available; null when nothing of the day is known. */
export const shareOf = (d: Pick<Day, 'knownSeconds' | 'availableSeconds'>): number | null =>
  d.knownSeconds > 0 ? d.availableSeconds / d.knownSeconds : null;

/** Good (99.9 % and more), fair (99 %), poor: the bar's colour, as availability targets are read. */
export const toneOf = (share: number): 'ok' | 'issue' | 'down' =>
  share >= 0.999 ? 'ok' : share >= 0.99 ? 'issue' : 'down';

/**
 * Availability per UTC day as bars, as wide as the page allows (it never scrolls, on a phone either) (the height is the share of the day the device was available,
 * its colour how good that is); each bar says its day and share on hover, and a table says the same
 * to screen readers. Days with nothing known are a grey stub.
 */
export function AvailabilityChart({ days }: { days: readonly Day[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const height = 80;
  const barWidth = 12;
  const gap = 4;
  const width = days.length * (barWidth + gap);
  const label = t('device.availabilityChart');
  const describe = (d: Day) => {
    const share = shareOf(d);
    return share === null
      ? t('device.availabilityNoData', { day: formatDay(d.day, lng) })
      : t('device.availabilityDay', {
          day: formatDay(d.day, lng),
          share: formatNumber(share, lng, { style: 'percent', maximumFractionDigits: 2 }),
        });
  };
  return (
    <figure className="availability-chart" data-testid="availability-chart">
      <figcaption>{label}</figcaption>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${String(width)} ${String(height)}`}
        preserveAspectRatio="none"
      >
        {days.map((d, i) => {
          const share = shareOf(d);
          const h = share === null ? 3 : Math.max(3, share * height);
          return (
            <rect
              key={d.day}
              x={i * (barWidth + gap)}
              y={height - h}
              width={barWidth}
              height={h}
              rx={2}
              className={share === null ? 'availability-none' : `availability-${toneOf(share)}`}
            >
              <title>{describe(d)}</title>
            </rect>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{label}</caption>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{describe(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
