import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileCommands, maxFileBytes, type DeviceCommandRequest } from '@crosspoint/protocol';
import { uploadTo } from '../../api/client.ts';
import { formatBytes, formatNumber } from '../../format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

export type FileCommand = keyof typeof fileCommands;

/** What each file command's file input accepts (the hub checks the kind, the device the contents). */
const accept: Record<FileCommand, string | undefined> = {
  firmwareUpdate: undefined,
  loadConfig: '.pccp2x,.PCCP2X',
};

/** A problem with the chosen file, found before uploading it. */
class FileProblem extends Error {}

interface Props {
  orgId: string;
  /** The dialog is open for this command; null when closed. */
  type: FileCommand | null;
  /** The device's name or "3 devices". */
  target: string;
  onClose: () => void;
  onStart: (command: DeviceCommandRequest) => Promise<void>;
}

/**
 * Choose a firmware image or a project, see its name and size, confirm (the devices restart or take
 * a new configuration), upload it once with a progress bar, then start the command on the target.
 * A fresh dialog each time it opens: the form is mounted anew for each command.
 */
export function FileCommandDialog(props: Props) {
  return props.type ? <FileCommandForm key={props.type} {...props} type={props.type} /> : null;
}

function FileCommandForm({ orgId, type, target, onClose, onStart }: Props & { type: FileCommand }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  // Closing cancels an upload in flight.
  useEffect(() => () => abort.current?.abort(), []);

  const busy = sent !== null;
  const submit = async () => {
    const problem = !file
      ? t('actions.file.none')
      : file.size === 0
        ? t('actions.file.empty', { name: file.name })
        : file.size > maxFileBytes
          ? t('actions.file.tooLarge', { name: file.name, max: formatBytes(maxFileBytes, lng) })
          : null;
    setError(problem ? new FileProblem(problem) : null);
    if (problem || !file) return;
    const controller = new AbortController();
    abort.current = controller;
    setSent(0);
    try {
      const stored = await uploadTo(
        'uploadFile',
        { params: { orgId }, query: { name: file.name, kind: fileCommands[type] } },
        file,
        (bytes) => setSent(bytes),
        controller.signal,
      );
      await onStart({ type, fileId: stored.id });
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(e);
    } finally {
      abort.current = null;
      setSent(null);
    }
  };
  const percent = file && sent !== null ? sent / Math.max(1, file.size) : 0;
  return (
    <Dialog title={t(`actions.file.${type}Title`, { target })} open onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={inputId}>{t(`actions.file.${type}Input`)}</label>
        <input
          id={inputId}
          type="file"
          accept={accept[type]}
          disabled={busy}
          onChange={(e) => {
            setError(null);
            setFile(e.target.files?.[0] ?? null);
          }}
        />
        {file && (
          <p data-testid="chosen-file">
            {t('actions.file.chosen', { name: file.name, size: formatBytes(file.size, lng) })}
          </p>
        )}
        <p className="muted">{t(`actions.file.${type}Warning`, { target })}</p>
        {busy && file && (
          <div role="status" aria-live="polite" data-testid="upload-progress">
            <progress max={file.size} value={sent} aria-label={t('actions.file.uploadProgress')} />{' '}
            {t('actions.file.uploading', {
              name: file.name,
              percent: formatNumber(percent, lng, { style: 'percent' }),
              sent: formatBytes(sent, lng),
              size: formatBytes(file.size, lng),
            })}
          </div>
        )}
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit" disabled={busy || !file}>
            {t(`actions.file.${type}Start`, { target })}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              abort.current?.abort();
              onClose();
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
