import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { statusLabel } from '../../i18n/labels.ts';
import { FormError } from '../../ui/FormError.tsx';
import { MoreButton } from '../../ui/ListToolbar.tsx';
import { when } from './alert-format.ts';
import { useDeliveries } from './queries.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import type { AlertDelivery } from '@crosspoint/protocol';
import { OrganizationFilter, organizationColumn, useRollup } from '../organizations/OrganizationFilter.tsx';

export function DeliveriesTab() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const [organizationId, setOrganizationId] = useState('');
  const rollup = useRollup();
  const list = useDeliveries(orgId, organizationId);
  const columns: Column<AlertDelivery>[] = [
    { key: 'when', label: t('alerts.col.when'), render: (d) => when(d.sentAt ?? d.createdAt, i18n.language) },
    ...organizationColumn<AlertDelivery>(t('devices.columns.organization'), rollup, (d) => d.organization),
    {
      key: 'channel',
      label: t('alerts.col.channel'),
      render: (d) => t(`alerts.channel.${d.channel}`, { defaultValue: d.channel }),
    },
    { key: 'to', label: t('alerts.col.to'), render: (d) => d.to },
    { key: 'subject', label: t('alerts.col.subject'), render: (d) => d.subject ?? '—' },
    {
      key: 'status',
      label: t('common.status'),
      render: (d) => (
        <span className={`badge ${d.status === 'sent' ? 'ok' : d.status === 'failed' ? 'down' : 'info'}`}>
          {statusLabel(t, d.status)}
        </span>
      ),
    },
    {
      key: 'why',
      label: t('alerts.col.why'),
      render: (d) => d.lastError ?? (d.status === 'kept' ? t('alerts.keptReason') : ''),
    },
  ];
  return (
    <>
      {rollup && (
        <div className="toolbar">
          <OrganizationFilter value={organizationId} onChange={setOrganizationId} />
        </div>
      )}
      <FormError error={list.error} />
      <DataTable
        label={t('alerts.tabs.deliveries')}
        columns={columns}
        rows={list.items}
        rowKey={(d) => String(d.id)}
        empty={list.isPending ? t('common.loading') : t('alerts.noDeliveries')}
      />
      <MoreButton
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
