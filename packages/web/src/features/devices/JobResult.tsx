import { useTranslation } from 'react-i18next';
import type { Job } from '@crosspoint/protocol';
import { formatBytes } from '../../format.ts';
import { useOrg } from '../../auth/session.tsx';
import { urlOf } from '../../api/client.ts';

interface StoredFile {
  name: string;
  fileId: string;
  bytes: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown, otherwise: string): string => (typeof v === 'string' ? v : otherwise);
const isFile = (v: unknown): v is StoredFile =>
  isRecord(v) && typeof v.name === 'string' && typeof v.fileId === 'string' && typeof v.bytes === 'number';

/**
 * A link that downloads a file a command brought back (a backup, logs) from the hub. Monitors see
 * the file without a link: backups carry the stack's login.
 */
function FileLink({ orgId, file }: { orgId: string; file: StoredFile }) {
  const { t, i18n } = useTranslation();
  const { can } = useOrg();
  const size = formatBytes(file.bytes, i18n.language);
  if (!can('devices.command'))
    return (
      <span title={t('actions.downloadNeedsAdmin')}>{t('actions.fileKept', { name: file.name, size })}</span>
    );
  return (
    <a href={urlOf('downloadFile', { params: { orgId, fileId: file.fileId } })} download={file.name}>
      {t('actions.downloadFile', { name: file.name, size })}
    </a>
  );
}

/** Commands whose result says more than "done" (the others list no result). */
export const commandsWithResults: ReadonlySet<string> = new Set([
  'firmwareUpdate',
  'loadConfig',
  'backupConfig',
  'downloadLogs',
  'voipStatus',
  'restartVoip',
  'provisionVoip',
  'setCredentials',
]);

/**
 * What a finished job brought back, for people: the new firmware, the loaded project, and download
 * links for a backup or logs. Commands whose result says nothing more show nothing.
 */
export function JobResult({ orgId, job }: { orgId: string; job: Job }) {
  const { t } = useTranslation();
  const r = job.result;
  if (!isRecord(r)) return null;
  switch (job.command.type) {
    case 'firmwareUpdate':
      return (
        <span data-testid="firmware-result">
          {t('actions.resultFirmware', { previous: text(r.previous, '—'), firmware: text(r.firmware, '—') })}
        </span>
      );
    case 'loadConfig':
      return <span>{t('actions.resultLoaded', { name: text(r.fileName, '') })}</span>;
    case 'backupConfig':
      return typeof r.fileId === 'string' ? (
        <FileLink
          orgId={orgId}
          file={{ name: text(r.fileName, 'backup.pccp2x'), fileId: r.fileId, bytes: Number(r.bytes ?? 0) }}
        />
      ) : null;
    case 'downloadLogs': {
      const files = Array.isArray(r.files) ? r.files.filter(isFile) : [];
      if (files.length === 0) return <span>{t('actions.noLogs')}</span>;
      return (
        <span className="file-links">
          {files.map((f) => (
            <FileLink key={f.fileId} orgId={orgId} file={f} />
          ))}
        </span>
      );
    }
    case 'voipStatus':
    case 'restartVoip': {
      const lines = Array.isArray(r.lines) ? r.lines.filter(isRecord) : [];
      if (lines.length === 0) return <span>{t('actions.noVoipLines')}</span>;
      return (
        <span className="voip-lines" data-testid="voip-lines">
          {r.restartPending === true && `${t('actions.voipRestartPending')} `}
          {lines
            .map((l) =>
              t('actions.voipLine', {
                line: text(l.epn, '?'),
                state: t(`actions.registration.${text(l.registration, 'unknown')}`, {
                  defaultValue: text(l.registration, 'unknown'),
                }),
              }),
            )
            .join(' · ')}
        </span>
      );
    }
    case 'provisionVoip':
      return (
        <span>
          {t('actions.resultProvisioned', { line: text(r.epn, '?') })}
          {r.restartPending === true && ` ${t('actions.voipRestartPending')}`}
        </span>
      );
    case 'setCredentials':
      return <span>{t('actions.resultCredentials', { username: text(r.username, '') })}</span>;
    default:
      return null;
  }
}
