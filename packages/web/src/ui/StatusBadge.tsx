import { useTranslation } from 'react-i18next';
import { statusLabel } from '../i18n/labels.ts';

const tone: Record<string, string> = {
  Active: 'ok',
  Registered: 'ok',
  Connected: 'ok',
  Invited: 'info',
  Expired: 'down',
  Overflow: 'issue',
  Disconnected: 'down',
  Disabled: 'muted',
};

export function StatusBadge({ status, since }: { status: string; since?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${tone[status] ?? 'info'}`}>
      {statusLabel(t, status)}
      {since ? ` ${since}` : ''}
    </span>
  );
}
