import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { riskyCommands, type DeviceCommandRequest, type Job } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { FormError } from '../ui/FormError.tsx';

const actions: { label: string; command: DeviceCommandRequest }[] = [
  { label: 'Locate on', command: { type: 'locate', on: true } },
  { label: 'Locate off', command: { type: 'locate', on: false } },
  { label: 'Safety mute on', command: { type: 'safetyMute', on: true } },
  { label: 'Safety mute off', command: { type: 'safetyMute', on: false } },
  { label: 'Enable FTP', command: { type: 'ftp', enabled: true } },
  { label: 'Disable FTP', command: { type: 'ftp', enabled: false } },
  { label: 'Back up configuration', command: { type: 'backupConfig' } },
  { label: 'VoIP registration status', command: { type: 'voipStatus' } },
  { label: 'Restart VoIP', command: { type: 'restartVoip' } },
  { label: 'Restart', command: { type: 'restart' } },
];

/** Device actions for one device or a selection; risky ones ask first; each becomes a job with live progress. */
export function DeviceActions({ orgId, deviceIds, label }: { orgId: string; deviceIds: string[]; label: string }) {
  const client = useQueryClient();
  const [started, setStarted] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const jobs = useQuery({
    queryKey: ['jobs', orgId, started],
    queryFn: ({ signal }) => Promise.all(started.map((id) => api.get<Job>(`/api/v1/orgs/${orgId}/jobs/${id}`, { signal }))),
    enabled: started.length > 0,
    refetchInterval: (q) => (q.state.data?.every((j) => j.status === 'succeeded' || j.status === 'failed') ? false : 1000),
  });
  const run = async (a: (typeof actions)[number]) => {
    if (riskyCommands.includes(a.command.type) && !window.confirm(`${a.label} ${label}? The device may be unavailable for a while.`)) return;
    setError(null);
    try {
      const r = await api.post<{ items: Job[] }>(`/api/v1/orgs/${orgId}/jobs`, { deviceIds, command: a.command });
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
      <div className="row-actions" role="group" aria-label="Device actions">
        {actions.map((a) => (
          <button key={a.label} type="button" className={riskyCommands.includes(a.command.type) ? 'secondary danger' : 'secondary'} onClick={() => void run(a)}>
            {a.label}
          </button>
        ))}
      </div>
      <FormError error={error} />
      {list.length > 0 && (
        <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
          <progress max={list.length} value={done + failed.length} />{' '}
          {done} of {list.length} done{failed.length ? `, ${String(failed.length)} failed` : ''}
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
