import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, CreateCampaignRequest } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { OrganizationFilter, useRollup } from '../organizations/OrganizationFilter.tsx';
import { usePackages } from './queries.ts';

const int = (s: string, fallback: number) =>
  Number.isFinite(Number.parseInt(s, 10)) ? Number.parseInt(s, 10) : fallback;

/**
 * A new campaign: the package, which devices (organization, current version), the pilot and one
 * more wave (what is left goes in a last wave), the thresholds, the health gate, an optional
 * nightly window in the sites' time zone and whether a second person must approve.
 */
export function NewCampaignDialog({
  orgId,
  onClose,
  onCreated,
}: {
  orgId: string;
  onClose: () => void;
  onCreated: (c: Campaign) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const rollup = useRollup();
  const packages = usePackages(orgId, { status: 'available', sort: 'createdAt', order: 'desc' });
  const [name, setName] = useState('');
  const [packageId, setPackageId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [versions, setVersions] = useState('');
  const [pilot, setPilot] = useState('2');
  const [wave, setWave] = useState('');
  const [unit, setUnit] = useState<'count' | 'percent'>('percent');
  const [success, setSuccess] = useState('100');
  const [errorAt, setErrorAt] = useState('20');
  const [gate, setGate] = useState('15');
  const [windowOn, setWindowOn] = useState(false);
  const [start, setStart] = useState('22:00');
  const [duration, setDuration] = useState('360');
  const [zone, setZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [approval, setApproval] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const chosen = packageId || packages.data?.items[0]?.id || '';

  const submit = async () => {
    const list = versions.split(/[\s,]+/).filter(Boolean);
    const body: CreateCampaignRequest = {
      name: name.trim(),
      packageId: chosen,
      filter: {
        ...(organizationId ? { organizationIds: [organizationId] } : {}),
        ...(list.length ? { versions: list } : {}),
      },
      pilot: int(pilot, 0),
      waves: wave.trim() ? [{ unit, size: int(wave, 1) }] : [],
      successThreshold: int(success, 100),
      errorThreshold: int(errorAt, 20),
      healthGateMinutes: int(gate, 15),
      requireApproval: approval,
      ...(windowOn
        ? {
            window: {
              days: [0, 1, 2, 3, 4, 5, 6],
              start,
              durationMinutes: int(duration, 360),
              timeZone: zone,
            },
          }
        : {}),
    };
    setBusy(true);
    setError(null);
    try {
      onCreated(await call('createCampaign', { params: { orgId }, body }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('firmware.campaign.new')} open onClose={onClose} wide>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField
          id={`${id}-name`}
          label={t('firmware.campaign.name')}
          value={name}
          onChange={setName}
          required
          maxLength={120}
        />
        <div className="field">
          <label htmlFor={`${id}-package`}>{t('firmware.campaign.package')}</label>
          <select id={`${id}-package`} value={chosen} onChange={(e) => setPackageId(e.target.value)} required>
            {(packages.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {t(`firmware.family.${p.family}`)} {p.version} ({p.organization.name})
              </option>
            ))}
          </select>
        </div>
        {rollup && (
          <div className="field">
            <span>{t('devices.columns.organization')}</span>
            <OrganizationFilter value={organizationId} onChange={(v) => setOrganizationId(v)} />
          </div>
        )}
        <TextField
          id={`${id}-versions`}
          label={t('firmware.campaign.versions')}
          value={versions}
          onChange={setVersions}
          hint={t('firmware.campaign.versionsHint')}
        />
        <TextField
          id={`${id}-pilot`}
          label={t('firmware.campaign.pilotSize')}
          type="number"
          min={0}
          value={pilot}
          onChange={setPilot}
        />
        <TextField
          id={`${id}-wave`}
          label={t('firmware.campaign.waveSize')}
          type="number"
          min={1}
          value={wave}
          onChange={setWave}
          hint={t('firmware.campaign.waveHint')}
        />
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('firmware.campaign.unit')}</label>
          <select
            id={`${id}-unit`}
            value={unit}
            onChange={(e) => setUnit(e.target.value as 'count' | 'percent')}
          >
            <option value="percent">{t('firmware.campaign.percent')}</option>
            <option value="count">{t('firmware.campaign.count')}</option>
          </select>
        </div>
        <TextField
          id={`${id}-success`}
          label={t('firmware.campaign.successThreshold')}
          type="number"
          min={0}
          max={100}
          value={success}
          onChange={setSuccess}
        />
        <TextField
          id={`${id}-error`}
          label={t('firmware.campaign.errorThreshold')}
          type="number"
          min={1}
          max={100}
          value={errorAt}
          onChange={setErrorAt}
        />
        <TextField
          id={`${id}-gate`}
          label={t('firmware.campaign.healthGate')}
          type="number"
          min={1}
          max={1440}
          value={gate}
          onChange={setGate}
        />
        <label className="check">
          <input type="checkbox" checked={windowOn} onChange={(e) => setWindowOn(e.target.checked)} />{' '}
          {t('firmware.campaign.windowOn')}
        </label>
        {windowOn && (
          <>
            <TextField
              id={`${id}-start`}
              label={t('firmware.campaign.windowStart')}
              type="time"
              value={start}
              onChange={setStart}
            />
            <TextField
              id={`${id}-duration`}
              label={t('firmware.campaign.windowMinutes')}
              type="number"
              min={15}
              value={duration}
              onChange={setDuration}
            />
            <TextField
              id={`${id}-zone`}
              label={t('firmware.campaign.timeZone')}
              value={zone}
              onChange={setZone}
            />
          </>
        )}
        <label className="check">
          <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} />{' '}
          {t('firmware.campaign.requireApproval')}
        </label>
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit" disabled={busy || !chosen}>
            {t('firmware.campaign.create')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
