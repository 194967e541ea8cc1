import { useTranslation } from 'react-i18next';
import type { DeviceRow, Location } from '@crosspoint/protocol';
import { useOrg } from '../../auth/session.tsx';
import { LocationOptions } from '../locations/LocationOptions.tsx';
import { DeviceActions } from './DeviceActions.tsx';

/** What can be done to the selected devices: commands (with the right) and moving them to a location. */
export function SelectionBar({
  orgId,
  selected,
  devices,
  locations,
  onAssign,
  onClear,
}: {
  orgId: string;
  selected: Set<string>;
  /** The devices listed, to name the selected ones in job results. */
  devices: DeviceRow[];
  locations: Location[];
  /** A location's id, or 'none' to take the devices out of their location. */
  onAssign: (locationId: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useOrg();
  return (
    <div className="selection-bar" role="region" aria-label={t('devices.selection')}>
      <span>{t('devices.selected', { count: selected.size })}</span>
      {can('devices.command') && (
        <DeviceActions
          orgId={orgId}
          deviceIds={[...selected]}
          label={t('devices.count', { count: selected.size })}
          deviceNames={new Map(devices.map((d) => [d.id, d.name]))}
        />
      )}
      <select
        aria-label={t('devices.assignLabel')}
        defaultValue=""
        onChange={(e) => onAssign(e.target.value)}
      >
        <option value="" disabled>
          {t('devices.assign')}
        </option>
        <option value="none">{t('common.noLocation')}</option>
        <LocationOptions locations={locations} />
      </select>
      <button type="button" className="link" onClick={onClear}>
        {t('devices.clearSelection')}
      </button>
    </div>
  );
}
