import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { riskyCommands, type DeviceCommandRequest, type Job } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { formatNumber } from '../../format.ts';
import { FormError } from '../../ui/FormError.tsx';
import { FileCommandDialog, type FileCommand } from './FileCommandDialog.tsx';
import { CredentialsDialog } from './CredentialsDialog.tsx';
import { VoipDialog } from './VoipDialog.tsx';
import { JobResult, commandsWithResults } from './JobResult.tsx';
import { useJobs } from './queries.ts';

/** Each action's label is `actions.<key>` in the catalogs. */
const actions: { key: string; command: DeviceCommandRequest }[] = [
  { key: 'locateOn', command: { type: 'locate', on: true } },
  { key: 'locateOff', command: { type: 'locate', on: false } },
  { key: 'safetyMuteOn', command: { type: 'safetyMute', on: true } },
  { key: 'safetyMuteOff', command: { type: 'safetyMute', on: false } },
  { key: 'enableFtp', command: { type: 'ftp', enabled: true } },
  { key: 'disableFtp', command: { type: 'ftp', enabled: false } },
  { key: 'backupConfig', command: { type: 'backupConfig' } },
  { key: 'downloadLogs', command: { type: 'downloadLogs' } },
  { key: 'voipStatus', command: { type: 'voipStatus' } },
  { key: 'restartVoip', command: { type: 'restartVoip' } },
  { key: 'restart', command: { type: 'restart' } },
];

/** Commands that take a file: chosen and uploaded in a dialog first (labels `actions.<type>`). */
const fileActions: FileCommand[] = ['firmwareUpdate', 'loadConfig'];

const finished = (j: Job) => j.status === 'succeeded' || j.status === 'failed';
/** Results listed under the progress (a large batch shows its first ones). */
const shownResults = 20;

/** A single job's phase (the agent's words, in English) and, while it runs, the phase's percent. */
function JobPhase({ job }: { job: Job }) {
  const { i18n } = useTranslation();
  const running = !finished(job) && job.percent > 0;
  return (
    <>
      {` — ${job.phase}`}
      {running && ` (${formatNumber(job.percent / 100, i18n.language, { style: 'percent' })})`}
    </>
  );
}

/**
 * Device actions for one device or a selection; risky ones ask first; each becomes a job with live
 * progress. Firmware updates and configuration loads upload their file once for the whole selection.
 */
export function DeviceActions({
  orgId,
  deviceIds,
  label,
  deviceNames,
}: {
  orgId: string;
  deviceIds: string[];
  label: string;
  /** Names to show beside each result when acting on a selection. */
  deviceNames?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [started, setStarted] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<FileCommand | null>(null);
  const [form, setForm] = useState<'credentials' | 'voip' | null>(null);
  const jobs = useJobs(orgId, started);
  const list = jobs.data ?? [];
  const allDone = list.length > 0 && list.every(finished);
  useEffect(() => {
    // A finished command may have changed the devices (firmware, status): show their new facts.
    if (allDone) {
      void client.invalidateQueries({
        predicate: (q) => ['device', 'listDevices'].includes(String(q.queryKey[0])),
      });
    }
  }, [allDone, client]);

  const start = async (command: DeviceCommandRequest) => {
    setError(null);
    const r = await call('runCommand', { params: { orgId }, body: { deviceIds, command } });
    setStarted(r.items.map((j) => j.id));
    await client.invalidateQueries({ queryKey: ['jobs'] });
  };
  const run = async (a: (typeof actions)[number]) => {
    const risky = riskyCommands.includes(a.command.type);
    if (risky && !window.confirm(t('actions.confirm', { action: t(`actions.${a.key}`), target: label })))
      return;
    try {
      await start(a.command);
    } catch (e) {
      setError(e);
    }
  };
  const done = list.filter((j) => j.status === 'succeeded').length;
  const failed = list.filter((j) => j.status === 'failed');
  const percent = list.reduce((sum, j) => sum + (finished(j) ? 100 : j.percent), 0);
  const results = list
    .filter((j) => j.status === 'succeeded' && commandsWithResults.has(String(j.command.type)))
    .slice(0, shownResults);
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
        <button
          type="button"
          className="secondary danger"
          aria-haspopup="dialog"
          onClick={() => setForm('credentials')}
        >
          {t('actions.credentials.open')}
        </button>
        <button
          type="button"
          className="secondary danger"
          aria-haspopup="dialog"
          onClick={() => setForm('voip')}
        >
          {t('actions.voip.open')}
        </button>
        {fileActions.map((type) => (
          <button
            key={type}
            type="button"
            className="secondary danger"
            aria-haspopup="dialog"
            onClick={() => setDialog(type)}
          >
            {t(`actions.${type}`)}
          </button>
        ))}
      </div>
      {form === 'credentials' && (
        <CredentialsDialog target={label} onClose={() => setForm(null)} onStart={start} />
      )}
      {form === 'voip' && <VoipDialog target={label} onClose={() => setForm(null)} onStart={start} />}
      <FileCommandDialog
        orgId={orgId}
        type={dialog}
        target={label}
        onClose={() => setDialog(null)}
        onStart={async (command) => {
          await start(command);
          setDialog(null);
        }}
      />
      <FormError error={error} />
      {list.length > 0 && (
        <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
          <progress max={list.length * 100} value={percent} aria-label={t('actions.jobProgress')} />{' '}
          {t('actions.progress', { done, count: list.length })}
          {failed.length ? t('actions.failed', { count: failed.length }) : ''}
          {list.length === 1 && list[0] && <JobPhase job={list[0]} />}
          {failed.slice(0, 3).map((j) => (
            <p key={j.id} className="error">
              {j.error?.message}
            </p>
          ))}
        </div>
      )}
      {results.length > 0 && (
        <ul className="job-results" aria-label={t('actions.results')} data-testid="job-results">
          {results.map((j) => (
            <li key={j.id}>
              {list.length > 1 && j.deviceId && `${deviceNames?.get(j.deviceId) ?? j.deviceId}: `}
              <JobResult orgId={orgId} job={j} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
