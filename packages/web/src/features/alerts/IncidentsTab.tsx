import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { statusLabel } from '../../i18n/labels.ts';
import { FormError } from '../../ui/FormError.tsx';
import { MoreButton } from '../../ui/ListToolbar.tsx';
import { when } from './alert-format.ts';
import { useIncidents, type IncidentState } from './queries.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { incidentStates, type AlertIncident } from '@crosspoint/protocol';
import { isOneOf } from '../../ui/oneOf.ts';
import { devicePath } from '../devices/device-columns.tsx';
import { OrganizationFilter, organizationColumn, useRollup } from '../organizations/OrganizationFilter.tsx';

export function IncidentsTab() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const [state, setState] = useState<IncidentState | ''>('open');
  const [organizationId, setOrganizationId] = useState('');
  const rollup = useRollup();
  const list = useIncidents(orgId, state, organizationId);
  const columns: Column<AlertIncident>[] = [
    ...organizationColumn<AlertIncident>(t('devices.columns.organization'), rollup, (i) => i.organization),
    {
      key: 'what',
      label: t('alerts.col.what'),
      render: (i) => (
        <>
          <Link
            to={
              i.subject.type === 'device'
                ? devicePath({ id: i.subject.id, organization: i.organization }, orgId)
                : i.subject.type === 'server'
                  ? '/servers'
                  : '/overview'
            }
          >
            {i.subject.name}
          </Link>
          {i.foldedInto && <span className="muted"> {t(`alerts.foldedInto.${i.foldedInto.type}`)}</span>}
        </>
      ),
    },
    { key: 'condition', label: t('alerts.col.condition'), render: (i) => statusLabel(t, i.condition) },
    { key: 'rule', label: t('alerts.col.rule'), render: (i) => i.rule.name },
    { key: 'since', label: t('alerts.col.since'), render: (i) => when(i.startedAt, i18n.language) },
    {
      key: 'state',
      label: t('alerts.col.state'),
      render: (i) => (
        <>
          <span className={`badge ${i.state === 'resolved' ? 'ok' : i.state === 'open' ? 'down' : 'issue'}`}>
            {statusLabel(t, i.state)}
          </span>
          {i.muted && <span className="badge muted"> {t('alerts.muted')}</span>}
        </>
      ),
    },
  ];
  return (
    <>
      <div className="toolbar">
        <OrganizationFilter value={organizationId} onChange={setOrganizationId} />
        <select
          aria-label={t('alerts.filterState')}
          value={state}
          onChange={(e) => setState(isOneOf(incidentStates, e.target.value) ? e.target.value : '')}
        >
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
      <DataTable
        label={t('alerts.tabs.incidents')}
        columns={columns}
        rows={list.items}
        rowKey={(i) => i.id}
        empty={list.isPending ? t('common.loading') : t('alerts.noIncidents')}
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
