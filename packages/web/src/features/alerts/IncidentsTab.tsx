import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { statusLabel } from '../../i18n/labels.ts';
import { FormError } from '../../ui/FormError.tsx';
import { MoreButton } from '../../ui/ListToolbar.tsx';
import { when } from './alert-format.ts';
import { useIncidents } from './queries.ts';

export function IncidentsTab() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const [state, setState] = useState('open');
  const list = useIncidents(orgId, state);
  return (
    <>
      <div className="toolbar">
        <select aria-label={t('alerts.filterState')} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="open">{t('status.open')}</option>
          <option value="pending">{t('alerts.pendingOption')}</option>
          <option value="resolved">{t('status.resolved')}</option>
          <option value="">{t('common.all')}</option>
        </select>
        <span className="muted" role="status" data-testid="incident-count">
          {t('alerts.incidentCount', { count: list.total })}
        </span>
      </div>
      <FormError error={list.error} />
      <div className="table-wrap">
        <table className="table" aria-label={t('alerts.tabs.incidents')}>
          <thead>
            <tr>
              <th scope="col">{t('alerts.col.what')}</th>
              <th scope="col">{t('alerts.col.condition')}</th>
              <th scope="col">{t('alerts.col.rule')}</th>
              <th scope="col">{t('alerts.col.since')}</th>
              <th scope="col">{t('alerts.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link
                    to={
                      i.subject.type === 'device'
                        ? `/devices/${i.subject.id}`
                        : i.subject.type === 'server'
                          ? '/servers'
                          : '/overview'
                    }
                  >
                    {i.subject.name}
                  </Link>
                  {i.foldedInto && (
                    <span className="muted"> {t(`alerts.foldedInto.${i.foldedInto.type}`)}</span>
                  )}
                </td>
                <td>{statusLabel(t, i.condition)}</td>
                <td>{i.rule.name}</td>
                <td>{when(i.startedAt, i18n.language)}</td>
                <td>
                  <span
                    className={`badge ${i.state === 'resolved' ? 'ok' : i.state === 'open' ? 'down' : 'issue'}`}
                  >
                    {statusLabel(t, i.state)}
                  </span>
                  {i.muted && <span className="badge muted"> {t('alerts.muted')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.items.length === 0 && (
        <p className="empty-state">{list.isPending ? t('common.loading') : t('alerts.noIncidents')}</p>
      )}
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
