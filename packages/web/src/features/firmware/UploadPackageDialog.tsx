import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deviceFamilies,
  firmwareFormats,
  imageVersionOf,
  maxFileBytes,
  modelsOfFamily,
  type DeviceFamily,
  type DeviceModelCode,
} from '@crosspoint/protocol';
import { call, uploadTo } from '../../api/client.ts';
import { formatBytes, formatNumber } from '../../format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { modelName } from './firmware-format.ts';

class Problem extends Error {}

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Publish a firmware package: choose the image (its family and version are read from its header
 * and its SHA-256 computed here, so the hub can check it received the same bytes), the models,
 * release notes and an optional signature; the file uploads with a progress bar, then the hub
 * checks the package before it is kept.
 */
export function UploadPackageDialog({
  orgId,
  onClose,
  onDone,
}: {
  orgId: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [family, setFamily] = useState<DeviceFamily>('cp2');
  const [models, setModels] = useState<DeviceModelCode[]>([]);
  const [version, setVersion] = useState('');
  const [notes, setNotes] = useState('');
  const [signature, setSignature] = useState('');
  const [sha256, setSha256] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const choose = async (f: File | null) => {
    setError(null);
    setFile(f);
    setSha256('');
    if (!f) return;
    const head = new Uint8Array(await f.slice(0, 64).arrayBuffer());
    const found = deviceFamilies.find((fam) => imageVersionOf(fam, head) !== undefined);
    if (found) {
      setFamily(found);
      setVersion(imageVersionOf(found, head) ?? '');
      setModels(modelsOfFamily(found));
    }
    if (f.size <= maxFileBytes) setSha256(hex(await crypto.subtle.digest('SHA-256', await f.arrayBuffer())));
  };

  const submit = async () => {
    const problem = !file
      ? t('actions.file.none')
      : file.size > Math.min(maxFileBytes, firmwareFormats[family].maxBytes)
        ? t('actions.file.tooLarge', {
            name: file.name,
            max: formatBytes(firmwareFormats[family].maxBytes, lng),
          })
        : models.length === 0
          ? t('firmware.form.noModels')
          : null;
    setError(problem ? new Problem(problem) : null);
    if (problem || !file) return;
    const controller = new AbortController();
    abort.current = controller;
    setSent(0);
    try {
      const stored = await uploadTo(
        'uploadFile',
        { params: { orgId }, query: { name: file.name, kind: 'firmware' } },
        file,
        (bytes) => setSent(bytes),
        controller.signal,
      );
      await call('createFirmwarePackage', {
        params: { orgId },
        body: {
          fileId: stored.id,
          models,
          version: version.trim(),
          releaseNotes: notes,
          sha256: sha256 || stored.sha256,
          ...(signature.trim() ? { signature: signature.trim() } : {}),
        },
      });
      await onDone();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(e);
    } finally {
      abort.current = null;
      setSent(null);
    }
  };
  const busy = sent !== null;
  return (
    <Dialog title={t('firmware.form.title')} open onClose={onClose} wide>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${id}-file`}>{t('firmware.form.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
        {file && (
          <p data-testid="chosen-file">
            {t('actions.file.chosen', { name: file.name, size: formatBytes(file.size, lng) })}
          </p>
        )}
        {sha256 && (
          <p className="muted">
            {t('firmware.form.sha256')} <code data-testid="computed-sha256">{sha256}</code>
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-family`}>{t('firmware.col.family')}</label>
          <select
            id={`${id}-family`}
            value={family}
            disabled={busy}
            onChange={(e) => {
              const f = e.target.value as DeviceFamily;
              setFamily(f);
              setModels(modelsOfFamily(f));
            }}
          >
            {deviceFamilies.map((f) => (
              <option key={f} value={f}>
                {t(`firmware.family.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('firmware.col.models')}</legend>
          {modelsOfFamily(family).map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={models.includes(code)}
                disabled={busy}
                onChange={(e) =>
                  setModels((m) => (e.target.checked ? [...m, code] : m.filter((x) => x !== code)))
                }
              />{' '}
              {modelName(code)}
            </label>
          ))}
        </fieldset>
        <TextField
          id={`${id}-version`}
          label={t('firmware.col.version')}
          value={version}
          onChange={setVersion}
          required
          pattern="\d+\.\d+\.\d+\.\d+"
          hint={t('firmware.form.versionHint')}
        />
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t('firmware.col.notes')}</label>
          <textarea
            id={`${id}-notes`}
            value={notes}
            maxLength={4000}
            onChange={(e) => setNotes(e.target.value)}
          />
        </div>
        <TextField
          id={`${id}-signature`}
          label={t('firmware.form.signature')}
          value={signature}
          onChange={setSignature}
          hint={t('firmware.form.signatureHint')}
        />
        {busy && file && (
          <div role="status" aria-live="polite" data-testid="upload-progress">
            <progress max={file.size} value={sent} aria-label={t('actions.file.uploadProgress')} />{' '}
            {t('actions.file.uploading', {
              name: file.name,
              percent: formatNumber(sent / Math.max(1, file.size), lng, { style: 'percent' }),
              sent: formatBytes(sent, lng),
              size: formatBytes(file.size, lng),
            })}
          </div>
        )}
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit" disabled={busy || !file}>
            {t('firmware.form.publish')}
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
