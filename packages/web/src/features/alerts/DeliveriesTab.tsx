import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { statusLabel } from '../../i18n/labels.ts';
import { FormError } from '../../ui/FormError.tsx';
import { MoreButton } from '../../ui/ListToolbar.tsx';
import { when } from './alert-format.ts';
import { useDeliveries } from './queries.ts';

export function DeliveriesTab() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const list = useDeliveries(orgId);
  return (
    <>
      <FormError error={list.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.deliveries')}>
          <thead>
            <tr>
              <th scope="col">{t('alerts.col.when')}</th>
              <th scope="col">{t('alerts.col.channel')}</th>
              <th scope="col">{t('alerts.col.to')}</th>
              <th scope="col">{t('alerts.col.subject')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('alerts.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => (
              <tr key={d.id}>
                <td>{when(d.sentAt ?? d.createdAt, i18n.language)}</td>
                <td>{t(`alerts.channel.${d.channel}`, { defaultValue: d.channel })}</td>
                <td>{d.to}</td>
                <td>{d.subject ?? '—'}</td>
                <td>
                  <span
                    className={`badge ${d.status === 'sent' ? 'ok' : d.status === 'failed' ? 'down' : 'info'}`}
                  >
                    {statusLabel(t, d.status)}
                  </span>
                </td>
                <td>{d.lastError ?? (d.status === 'kept' ? t('alerts.keptReason') : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.items.length === 0 && (
        <p className="empty-state">{list.isPending ? t('common.loading') : t('alerts.noDeliveries')}</p>
      )}
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
