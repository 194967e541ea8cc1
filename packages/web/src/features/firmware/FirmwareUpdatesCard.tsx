import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../api/client.ts';

/**
 * The dashboard's firmware card: how many devices the catalog has a newer version for (the list
 * filtered by Update available counts them), with links to that list and to the Firmware screen.
 */
export function FirmwareUpdatesCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const updates = useQuery({
    // 'devices' and 'campaigns' live events make it stale.
    queryKey: ['devices', 'firmware-updates', orgId],
    queryFn: ({ signal }) =>
      call('listDevices', { params: { orgId }, query: { update: 'available', limit: 1 } }, { signal }),
    refetchInterval: 60_000,
  });
  return (
    <figure className="card stat">
      <figcaption>{t('firmware.card.title')}</figcaption>
      <p className="big" data-testid="firmware-updates">
        {updates.data?.total ?? '–'}
      </p>
      <p className="muted">{t('firmware.card.devices', { count: updates.data?.total ?? 0 })}</p>
      <Link to="/devices?update=available">{t('firmware.card.list')}</Link> ·{' '}
      <Link to="/firmware">{t('firmware.card.open')}</Link>
    </figure>
  );
}
