import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConfigurationDiff, ConfigurationVersion, Job } from '@crosspoint/protocol';
import { call, urlOf } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { FormError } from '../../ui/FormError.tsx';
import { useJobs } from '../devices/queries.ts';
import { RestoreToDialog } from './RestoreToDialog.tsx';
import './configurations.css';

const finished = (j: Job) => j.status === 'succeeded' || j.status === 'failed';

/** A device's configuration versions, newest first, with its baseline and drift (live: 'configurations'). */
const useVersions = (orgId: string, deviceId: string) =>
  useQuery({
    queryKey: ['configurations', orgId, deviceId],
    queryFn: ({ signal }) => call('listConfigurationVersions', { params: { orgId, deviceId } }, { signal }),
  });

const useDiff = (orgId: string, from: string | undefined, to: string | undefined) =>
  useQuery({
    queryKey: ['configurations', orgId, 'compare', from, to],
    queryFn: ({ signal }) =>
      call(
        'compareConfigurations',
        { params: { orgId }, query: { from: from ?? '', to: to ?? '' } },
        { signal },
      ),
    enabled: from !== undefined && to !== undefined && from !== to,
  });

/**
 * The device page's configuration part: kept versions (time, why, who, size, hash), the baseline
 * and whether the device drifted from it, a comparison of any two versions side by side, and the
 * actions: back up now, approve a version as baseline, restore a version (asks first, shows progress).
 */
export function ConfigurationVersions({
  orgId,
  deviceId,
  deviceName,
  model,
}: {
  orgId: string;
  deviceId: string;
  deviceName: string;
  /** The device's model: a version loads to devices of this model. */
  model: string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { can } = useOrg();
  const client = useQueryClient();
  const versions = useVersions(orgId, deviceId);
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [started, setStarted] = useState<string[]>([]);
  const [restoreTo, setRestoreTo] = useState<ConfigurationVersion | null>(null);
  const jobs = useJobs(orgId, started);
  const items = versions.data?.items ?? [];
  const newest = items[0];
  const baselineId = versions.data?.baseline?.versionId;
  // By default: what changed from the baseline (or the version before) to the newest.
  const toId = to ?? newest?.id;
  const fromId = from ?? (baselineId && baselineId !== toId ? baselineId : items[1]?.id);
  const diff = useDiff(orgId, fromId, toId);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      const r = await work();
      if (r && typeof r === 'object' && 'items' in r && Array.isArray(r.items))
        setStarted((r.items as Job[]).map((j) => j.id));
      await client.invalidateQueries({ queryKey: ['configurations'] });
    } catch (e) {
      setError(e);
    }
  };
  const backupNow = () =>
    act(() => call('backupConfigurations', { params: { orgId }, body: { deviceIds: [deviceId] } }));
  const setBaseline = (v: ConfigurationVersion) =>
    act(() => call('setConfigurationBaseline', { params: { orgId, deviceId }, body: { versionId: v.id } }));
  const restore = (v: ConfigurationVersion) => {
    if (
      !window.confirm(
        t('configurations.confirmRestore', { when: formatDateTime(v.takenAt, lng), target: deviceName }),
      )
    )
      return;
    void act(() => call('restoreConfiguration', { params: { orgId, versionId: v.id }, body: {} }));
  };
  const list = jobs.data ?? [];
  const running = list.filter((j) => !finished(j));
  const failed = list.filter((j) => j.status === 'failed');
  const label = (v: ConfigurationVersion) =>
    `${formatDateTime(v.takenAt, lng)} — ${t(`configurations.trigger.${v.trigger}`)}`;

  return (
    <section aria-labelledby="configurations-title" className="configurations">
      <h2 id="configurations-title">{t('configurations.title')}</h2>
      {versions.data?.drifted === true && (
        <div className="banner warning" role="status" data-testid="drift-banner">
          <p>{t('configurations.drifted')}</p>
          {can('devices.command') && newest && baselineId && (
            <div className="row-actions">
              <button type="button" className="secondary" onClick={() => void setBaseline(newest)}>
                {t('configurations.acceptBaseline')}
              </button>
              <button
                type="button"
                className="secondary danger"
                onClick={() => {
                  const base = items.find((v) => v.id === baselineId);
                  if (base) restore(base);
                }}
              >
                {t('configurations.restoreBaseline')}
              </button>
            </div>
          )}
        </div>
      )}
      {versions.data?.drifted === false && (
        <p className="badge ok" data-testid="in-line">
          {t('configurations.matchesBaseline')}
        </p>
      )}
      {can('devices.command') && (
        <div className="row-actions">
          <button type="button" className="secondary" onClick={() => void backupNow()}>
            {t('configurations.backupNow')}
          </button>
        </div>
      )}
      <FormError error={error} />
      {list.length > 0 && (
        <p role="status" aria-live="polite" data-testid="configuration-jobs">
          {running.length > 0
            ? t('configurations.working', { phase: running[0]?.phase ?? '' })
            : failed.length > 0
              ? (failed[0]?.error?.message ?? '')
              : t('configurations.done')}
        </p>
      )}
      {versions.isSuccess && items.length === 0 && <p className="empty-state">{t('configurations.none')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label={t('configurations.title')}>
            <thead>
              <tr>
                <th scope="col">{t('configurations.takenAt')}</th>
                <th scope="col">{t('configurations.triggerColumn')}</th>
                <th scope="col">{t('configurations.by')}</th>
                <th scope="col">{t('configurations.size')}</th>
                <th scope="col">{t('configurations.hash')}</th>
                <th scope="col">{t('configurations.actionsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.id} data-testid="configuration-version">
                  <td>
                    {formatDateTime(v.takenAt, lng)}{' '}
                    {v.baseline && <span className="badge info">{t('configurations.baseline')}</span>}
                  </td>
                  <td>{t(`configurations.trigger.${v.trigger}`)}</td>
                  <td>{v.createdBy}</td>
                  <td>{formatBytes(v.bytes, lng)}</td>
                  <td>
                    <code title={v.sha256}>{v.sha256.slice(0, 10)}</code>
                  </td>
                  <td className="row-actions">
                    {can('devices.command') && !v.baseline && (
                      <button type="button" className="link" onClick={() => void setBaseline(v)}>
                        {t('configurations.setBaseline')}
                      </button>
                    )}
                    {can('devices.command') && (
                      <button type="button" className="link danger" onClick={() => restore(v)}>
                        {t('configurations.restore')}
                      </button>
                    )}
                    {can('devices.command') && (
                      <button
                        type="button"
                        className="link"
                        aria-haspopup="dialog"
                        onClick={() => setRestoreTo(v)}
                      >
                        {t('configurations.restoreTo')}
                      </button>
                    )}
                    {can('devices.command') && (
                      <a href={urlOf('downloadFile', { params: { orgId, fileId: v.fileId } })} download>
                        {t('configurations.download')}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {restoreTo && (
        <RestoreToDialog
          orgId={orgId}
          version={restoreTo}
          model={model}
          onClose={() => setRestoreTo(null)}
          onStarted={setStarted}
        />
      )}
      {items.length > 1 && (
        <>
          <h3>{t('configurations.compare')}</h3>
          <div className="filters">
            <label>
              {t('configurations.from')}{' '}
              <select value={fromId ?? ''} onChange={(e) => setFrom(e.target.value)}>
                {items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {label(v)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('configurations.to')}{' '}
              <select value={toId ?? ''} onChange={(e) => setTo(e.target.value)}>
                {items.map((v) => (
                  <option key={v.id} value={v.id}>
                    {label(v)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {diff.data && <DiffView diff={diff.data} />}
          <FormError error={diff.error} />
        </>
      )}
    </section>
  );
}

/** Two versions side by side: each setting that differs, before and after, changes highlighted. */
export function DiffView({ diff }: { diff: ConfigurationDiff }) {
  const { t } = useTranslation();
  if (diff.format === 'text') {
    if (!diff.lines.some((l) => l.op !== ' '))
      return <p className="empty-state">{t('configurations.same')}</p>;
    return (
      <pre
        className="text-diff"
        aria-label={t('configurations.differences')}
        data-testid="configuration-diff"
      >
        {diff.lines.map((l, i) => (
          <div key={String(i)} className={l.op === '+' ? 'added' : l.op === '-' ? 'removed' : undefined}>
            {`${l.op} ${l.text}`}
          </div>
        ))}
      </pre>
    );
  }
  if (diff.changes.length === 0) return <p className="empty-state">{t('configurations.same')}</p>;
  return (
    <div className="table-wrap">
      <table
        className="data-table diff"
        aria-label={t('configurations.differences')}
        data-testid="configuration-diff"
      >
        <thead>
          <tr>
            <th scope="col">{t('configurations.section')}</th>
            <th scope="col">{t('configurations.setting')}</th>
            <th scope="col">{t('configurations.before')}</th>
            <th scope="col">{t('configurations.after')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.changes.map((c) => (
            <tr key={`${c.section}|${c.key}`} className={`change-${c.change}`}>
              <td>{t(`configurations.sections.${c.section}`, { defaultValue: c.section })}</td>
              <th scope="row">{c.label}</th>
              <td className="before">{c.before ?? '—'}</td>
              <td className="after">
                <mark>{c.after ?? '—'}</mark>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
