import { useTranslation } from 'react-i18next';
import { statusLabel } from '../i18n/labels.ts';

/** "Filter by status": any, or one of `statuses` (the hub's English values, shown translated). */
export function StatusFilter({
  value,
  onChange,
  statuses,
}: {
  value: string;
  onChange: (status: string) => void;
  statuses: readonly string[];
}) {
  const { t } = useTranslation();
  return (
    <select aria-label={t('common.filterStatus')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('common.allStatuses')}</option>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {statusLabel(t, s)}
        </option>
      ))}
    </select>
  );
}
