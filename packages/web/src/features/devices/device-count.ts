import type { TFunction } from 'i18next';
import { formatTotal } from '../../format.ts';

/** "12 devices", or "1,000+ devices" when the hub capped a search's count (never "1,001"). */
export function deviceCount(t: TFunction, lng: string, total: number, capped: boolean): string {
  return capped
    ? t('devices.countCapped', { number: formatTotal(total, true, lng) })
    : t('devices.count', { count: total });
}
