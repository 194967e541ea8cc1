import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type MaintenanceWindow } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { when, weekday } from './alert-format.ts';
import { alertKeys, useMaintenanceWindows } from './queries.ts';

export function MaintenanceTab() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const windows = useMaintenanceWindows(orgId);
  const [name, setName] = useState('');
  const [hours, setHours] = useState('2');
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: alertKeys.maintenance });
  const add = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const startsAt = new Date();
      const endsAt = new Date(startsAt.getTime() + Number(hours) * 3_600_000);
      await api.post(`/api/v1/orgs/${orgId}/alerts/maintenance-windows`, {
        name,
        scope: 'organization',
        schedule: { kind: 'once', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      });
      setName('');
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  const describe = (w: MaintenanceWindow) =>
    w.schedule.kind === 'once'
      ? `${when(w.schedule.startsAt, lng)} → ${when(w.schedule.endsAt, lng)}`
      : t('alerts.weekly', {
          days: w.schedule.days.map((d) => weekday(d, lng)).join(', '),
          start: w.schedule.start,
          count: w.schedule.durationMinutes,
        });
  return (
    <>
      {can('alerts.manage') && (
        <form onSubmit={(e) => void add(e)} className="form row card">
          <div className="field">
            <label htmlFor="mw-name">{t('alerts.muteName')}</label>
            <input
              id="mw-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              placeholder={t('alerts.muteNamePlaceholder')}
            />
          </div>
          <div className="field">
            <label htmlFor="mw-hours">{t('alerts.muteHours')}</label>
            <input
              id="mw-hours"
              type="number"
              min={0.25}
              step="0.25"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </div>
          <button type="submit">{t('alerts.startWindow')}</button>
        </form>
      )}
      <FormError error={error ?? windows.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.maintenance')}>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('alerts.col.scope')}</th>
              <th scope="col">{t('alerts.col.when')}</th>
              <th scope="col">{t('alerts.col.now')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(windows.data?.items ?? []).map((w) => (
              <tr key={w.id}>
                <td>{w.name}</td>
                <td>{t(`alerts.scope.${w.scope}`, { defaultValue: w.scope })}</td>
                <td>{describe(w)}</td>
                <td>{w.active ? <span className="badge issue">{t('alerts.mutingAlerts')}</span> : '—'}</td>
                <td>
                  {can('alerts.manage') && (
                    <button
                      type="button"
                      className="link danger"
                      onClick={() =>
                        void api
                          .delete(`/api/v1/orgs/${orgId}/alerts/maintenance-windows/${w.id}`)
                          .then(refresh)
                      }
                    >
                      {t('alerts.endDelete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {windows.data?.items.length === 0 && <p className="empty-state">{t('alerts.noWindows')}</p>}
    </>
  );
}
