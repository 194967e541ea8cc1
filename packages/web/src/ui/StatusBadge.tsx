import { useTranslation } from 'react-i18next';
import { notMonitoredStatus } from '@crosspoint/protocol';
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

/** The badge colour of a device status: Down, Healthy, not monitored (a disabled subnet), or an issue. */
export const statusTone = (status: string): string =>
  status === 'Down'
    ? 'down'
    : status === 'Healthy'
      ? 'ok'
      : status === notMonitoredStatus
        ? 'muted'
        : 'issue';

export function StatusBadge({ status, since }: { status: string; since?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${tone[status] ?? 'info'}`}>
      {statusLabel(t, status)}
      {since ? ` ${since}` : ''}
    </span>
  );
}
