import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { riskyCommands, type DeviceCommandRequest, type Job } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { FormError } from '../ui/FormError.tsx';

/** Each action's label is `actions.<key>` in the catalogs. */
const actions: { key: string; command: DeviceCommandRequest }[] = [
  { key: 'locateOn', command: { type: 'locate', on: true } },
  { key: 'locateOff', command: { type: 'locate', on: false } },
  { key: 'safetyMuteOn', command: { type: 'safetyMute', on: true } },
  { key: 'safetyMuteOff', command: { type: 'safetyMute', on: false } },
  { key: 'enableFtp', command: { type: 'ftp', enabled: true } },
  { key: 'disableFtp', command: { type: 'ftp', enabled: false } },
  { key: 'backupConfig', command: { type: 'backupConfig' } },
  { key: 'voipStatus', command: { type: 'voipStatus' } },
  { key: 'restartVoip', command: { type: 'restartVoip' } },
  { key: 'restart', command: { type: 'restart' } },
];

/** Device actions for one device or a selection; risky ones ask first; each becomes a job with live progress. */
export function DeviceActions({
  orgId,
  deviceIds,
  label,
}: {
  orgId: string;
  deviceIds: string[];
  label: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [started, setStarted] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const jobs = useQuery({
    queryKey: ['jobs', orgId, started],
    queryFn: ({ signal }) =>
      Promise.all(started.map((id) => api.get<Job>(`/api/v1/orgs/${orgId}/jobs/${id}`, { signal }))),
    enabled: started.length > 0,
    refetchInterval: (q) =>
      q.state.data?.every((j) => j.status === 'succeeded' || j.status === 'failed') ? false : 1000,
  });
  const run = async (a: (typeof actions)[number]) => {
    const risky = riskyCommands.includes(a.command.type);
    if (risky && !window.confirm(t('actions.confirm', { action: t(`actions.${a.key}`), target: label })))
      return;
    setError(null);
    try {
      const r = await api.post<{ items: Job[] }>(`/api/v1/orgs/${orgId}/jobs`, {
        deviceIds,
        command: a.command,
      });
      setStarted(r.items.map((j) => j.id));
      await client.invalidateQueries({ queryKey: ['jobs'] });
    } catch (e) {
      setError(e);
    }
  };
  const list = jobs.data ?? [];
  const done = list.filter((j) => j.status === 'succeeded').length;
  const failed = list.filter((j) => j.status === 'failed');
  return (
    <div className="device-actions">
      <div className="row-actions" role="group" aria-label={t('actions.label')}>
        {actions.map((a) => (
          <button
            key={a.key}
            type="button"
            className={riskyCommands.includes(a.command.type) ? 'secondary danger' : 'secondary'}
            onClick={() => void run(a)}
          >
            {t(`actions.${a.key}`)}
          </button>
        ))}
      </div>
      <FormError error={error} />
      {list.length > 0 && (
        <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
          <progress max={list.length} value={done + failed.length} />{' '}
          {t('actions.progress', { done, count: list.length })}
          {failed.length ? t('actions.failed', { count: failed.length }) : ''}
          {list.length === 1 && list[0] && ` — ${list[0].phase}`}
          {failed.slice(0, 3).map((j) => (
            <p key={j.id} className="error">
              {j.error?.message}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
