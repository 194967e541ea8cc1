import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  alertChannels,
  alertDeviceStatuses,
  serverAlertStates,
  type AlertChannel,
} from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { statusLabel } from '../../i18n/labels.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

export function RuleDialog({
  orgId,
  onClose,
  onDone,
}: {
  orgId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(() => t('alerts.defaultRuleName'));
  const [kind, setKind] = useState<
    'device_status' | 'server_state' | 'plan_overflow' | 'plan_expiry' | 'configuration_drift'
  >('device_status');
  const [statuses, setStatuses] = useState<string[]>(['Down']);
  const [delayMin, setDelayMin] = useState('2');
  const [repeatMin, setRepeatMin] = useState('');
  const [resolved, setResolved] = useState(true);
  const [channels, setChannels] = useState<AlertChannel[]>([...alertChannels]);
  const [error, setError] = useState<unknown>(null);
  const condition =
    kind === 'device_status'
      ? { kind, statuses }
      : kind === 'server_state'
        ? { kind, states: [...serverAlertStates] }
        : { kind };
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('createAlertRule', {
        params: { orgId },
        body: {
          name,
          condition,
          delayS: Math.round(Number(delayMin) * 60),
          repeatS: repeatMin ? Math.round(Number(repeatMin) * 60) : null,
          notifyResolved: resolved,
          channels,
        },
      });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  const flip = <S extends string>(list: S[], item: S) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  return (
    <Dialog title={t('alerts.addRuleTitle')} open onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="rule-name">{t('common.name')}</label>
          <input id="rule-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="rule-kind">{t('alerts.alertWhen')}</label>
          <select id="rule-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="device_status">{t('alerts.kind.deviceStatus')}</option>
            <option value="server_state">{t('alerts.kind.serverState')}</option>
            <option value="plan_overflow">{t('alerts.kind.planOverflow')}</option>
            <option value="plan_expiry">{t('alerts.kind.planExpiry')}</option>
            <option value="configuration_drift">{t('alerts.kind.configurationDrift')}</option>
          </select>
        </div>
        {kind === 'device_status' && (
          <fieldset>
            <legend>{t('alerts.statuses')}</legend>
            <div className="check-grid">
              {alertDeviceStatuses.map((s) => (
                <label key={s} className="check">
                  <input
                    type="checkbox"
                    checked={statuses.includes(s)}
                    onChange={() => setStatuses(flip(statuses, s))}
                  />{' '}
                  {statusLabel(t, s)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="row">
          <div className="field">
            <label htmlFor="rule-delay">{t('alerts.delayLabel')}</label>
            <input
              id="rule-delay"
              type="number"
              min={0}
              step="0.5"
              value={delayMin}
              onChange={(e) => setDelayMin(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="rule-repeat">{t('alerts.repeatLabel')}</label>
            <input
              id="rule-repeat"
              type="number"
              min={1}
              value={repeatMin}
              onChange={(e) => setRepeatMin(e.target.value)}
            />
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={resolved} onChange={(e) => setResolved(e.target.checked)} />{' '}
          {t('alerts.notifyResolved')}
        </label>
        <fieldset>
          <legend>{t('alerts.col.channels')}</legend>
          {alertChannels.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={channels.includes(c)}
                onChange={() => setChannels(flip(channels, c))}
              />{' '}
              {t(`alerts.channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('alerts.addRule')}</button>
        </div>
      </form>
    </Dialog>
  );
}
