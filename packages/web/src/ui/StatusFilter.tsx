import { useTranslation } from 'react-i18next';
import { statusLabel } from '../i18n/labels.ts';
import { isOneOf } from './oneOf.ts';

/** "Filter by status": any, or one of `statuses` (the hub's English values, shown translated). */
export function StatusFilter<S extends string>({
  value,
  onChange,
  statuses,
}: {
  value: S | '';
  onChange: (status: S | '') => void;
  statuses: readonly S[];
}) {
  const { t } = useTranslation();
  const choose = (chosen: string) => onChange(isOneOf(statuses, chosen) ? chosen : '');
  return (
    <select aria-label={t('common.filterStatus')} value={value} onChange={(e) => choose(e.target.value)}>
      <option value="">{t('common.allStatuses')}</option>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {statusLabel(t, s)}
        </option>
      ))}
    </select>
  );
}
