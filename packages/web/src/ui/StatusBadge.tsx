import { useTranslation } from 'react-i18next';
import { groupOf, type DeviceGroup } from '@crosspoint/protocol';
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

const groupTone: Record<DeviceGroup, string> = {
  down: 'down',
  issues: 'issue',
  healthy: 'ok',
  unmonitored: 'muted',
};

/** The badge colour of a device status: that of its group (protocol's `groupOf`). */
export const statusTone = (status: string): string => groupTone[groupOf(status)];

export function StatusBadge({ status, since }: { status: string; since?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${tone[status] ?? 'info'}`}>
      {statusLabel(t, status)}
      {since ? ` ${since}` : ''}
    </span>
  );
}
