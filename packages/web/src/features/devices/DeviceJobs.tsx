import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { JobResult } from './JobResult.tsx';

/** The jobs run on one device, newest first (live: 'jobs' events refetch them). */
export function DeviceJobs({ orgId, deviceId }: { orgId: string; deviceId: string }) {
  const { t, i18n } = useTranslation();
  const jobs = useQuery({
    queryKey: ['jobs', orgId, 'device', deviceId],
    queryFn: ({ signal }) => call('listJobs', { params: { orgId }, query: { deviceId } }, { signal }),
  });
  const items = jobs.data?.items ?? [];
  return (
    <section aria-labelledby="device-jobs-title">
      <h2 id="device-jobs-title">{t('device.jobs')}</h2>
      {jobs.isSuccess && items.length === 0 && <p className="empty-state">{t('device.noJobs')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-label={t('device.jobs')} data-testid="device-jobs">
            <thead>
              <tr>
                <th scope="col">{t('device.jobStarted')}</th>
                <th scope="col">{t('device.jobCommand')}</th>
                <th scope="col">{t('device.jobStatus')}</th>
                <th scope="col">{t('device.jobBy')}</th>
                <th scope="col">{t('device.jobResult')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 20).map((j) => (
                <tr key={j.id}>
                  <td>{formatDateTime(j.createdAt, i18n.language)}</td>
                  <td>
                    <code>{String(j.command.type)}</code>
                  </td>
                  <td>
                    {t(`device.jobState.${j.status}`)}
                    {j.status === 'running' && ` — ${j.phase}`}
                  </td>
                  <td>{j.createdBy}</td>
                  <td>{j.status === 'failed' ? j.error?.message : <JobResult orgId={orgId} job={j} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
