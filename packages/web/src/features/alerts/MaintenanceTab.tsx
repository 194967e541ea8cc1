import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type MaintenanceWindow } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { when, weekday } from './alert-format.ts';
import { alertKeys, useMaintenanceWindows } from './queries.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';

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
      await call('createMaintenanceWindow', {
        params: { orgId },
        body: {
          name,
          scope: 'organization',
          schedule: { kind: 'once', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
        },
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
  const columns: Column<MaintenanceWindow>[] = [
    { key: 'name', label: t('common.name'), render: (w) => w.name },
    {
      key: 'scope',
      label: t('alerts.col.scope'),
      render: (w) => t(`alerts.scope.${w.scope}`, { defaultValue: w.scope }),
    },
    { key: 'when', label: t('alerts.col.when'), render: describe },
    {
      key: 'now',
      label: t('alerts.col.now'),
      render: (w) => (w.active ? <span className="badge issue">{t('alerts.mutingAlerts')}</span> : '—'),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (w) =>
        can('alerts.manage') && (
          <button
            type="button"
            className="link danger"
            onClick={() =>
              void call('deleteMaintenanceWindow', { params: { orgId, windowId: w.id } }).then(refresh)
            }
          >
            {t('alerts.endDelete')}
          </button>
        ),
    },
  ];
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
      <DataTable
        label={t('alerts.tabs.maintenance')}
        columns={columns}
        rows={windows.data?.items ?? []}
        rowKey={(w) => w.id}
        empty={windows.data && t('alerts.noWindows')}
      />
    </>
  );
}
