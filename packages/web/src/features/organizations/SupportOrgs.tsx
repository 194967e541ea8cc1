import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDate, formatDay } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar } from '../../ui/ListToolbar.tsx';
import { supportOrgsKey, useSupportOrgs } from './queries.ts';
import { SupportOrgPlanDialog } from './SupportOrgPlanDialog.tsx';

export function SupportOrgs() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Organization | null>(null);
  const [filter, setFilter] = useState('');
  const list = useSupportOrgs(orgId, { refetchInterval: 30_000 });
  const rows = (list.data?.items ?? []).filter((o) => o.name.toLowerCase().includes(filter.toLowerCase()));
  const columns: Column<Organization>[] = [
    { key: 'name', label: t('common.name'), render: (o) => o.name },
    { key: 'pool', label: t('orgs.devicePool'), render: (o) => o.pool?.total ?? 0 },
    { key: 'allocated', label: t('orgs.allocated'), render: (o) => o.pool?.allocated ?? 0 },
    { key: 'monitored', label: t('orgs.monitored'), render: (o) => o.pool?.monitored ?? 0 },
    { key: 'clients', label: t('orgs.clients'), render: (o) => o.counts.clients },
    { key: 'users', label: t('nav.users'), render: (o) => o.counts.users },
    {
      key: 'edition',
      label: t('orgs.edition'),
      render: (o) =>
        !o.trial ? (
          t('orgs.paying')
        ) : (
          <span className={o.trial.ended ? 'badge down' : 'badge issue'}>
            {o.trial.ended
              ? t('orgs.trialEnded', { date: formatDay(o.trial.end, i18n.language) })
              : t('orgs.trialUntil', { date: formatDay(o.trial.end, i18n.language) })}
          </span>
        ),
    },
    { key: 'created', label: t('common.created'), render: (o) => formatDate(o.createdAt, i18n.language) },
    ...(can('clients.manage')
      ? [
          {
            key: 'actions',
            label: t('common.actions'),
            render: (o: Organization) => (
              <button
                type="button"
                className="link"
                aria-label={t('orgs.changePlanOf', { name: o.name })}
                onClick={() => setEditing(o)}
              >
                {t('orgs.changePlan')}
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="support-title">
      <div className="screen-head">
        <h1 id="support-title">{t('orgs.supportOrgs')}</h1>
        {can('clients.manage') && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('orgs.addSupport')}
          </button>
        )}
      </div>
      <ListToolbar
        search={filter}
        onSearch={setFilter}
        placeholder={t('common.name')}
        searchLabel={t('orgs.searchSupport')}
        count={t('orgs.supportCount', { count: list.data?.items.length ?? 0 })}
        total={list.data?.items.length ?? 0}
        shown={rows.length}
      />
      <FormError error={list.error} />
      <DataTable
        label={t('orgs.supportOrgs')}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        empty={list.isPending ? t('common.loading') : t('orgs.noSupport')}
      />
      {editing && (
        <SupportOrgPlanDialog
          support={editing}
          orgId={orgId}
          onClose={() => setEditing(null)}
          onSaved={() => void client.invalidateQueries({ queryKey: supportOrgsKey })}
        />
      )}
      <AddSupportOrgDialog
        open={adding}
        orgId={orgId}
        onClose={() => setAdding(false)}
        onAdded={() => void client.invalidateQueries({ queryKey: supportOrgsKey })}
      />
    </section>
  );
}

export function AddSupportOrgDialog({
  open,
  orgId,
  onClose,
  onAdded,
}: {
  open: boolean;
  orgId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [pool, setPool] = useState('50');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      await call('createSupportOrg', {
        params: { orgId },
        body: { name, ownerEmail, devicePool: Number(pool) },
      });
      onAdded();
      onClose();
      setName('');
      setOwnerEmail('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('orgs.addSupport')} open={open} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="so-name">{t('common.orgName')}</label>
          <input id="so-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="so-owner">{t('orgs.ownerEmail')}</label>
          <input
            id="so-owner"
            type="email"
            value={ownerEmail}
            onChange={(e) => setOwnerEmail(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="so-pool">{t('orgs.licensedDevices')}</label>
          <input
            id="so-pool"
            type="number"
            min={0}
            value={pool}
            onChange={(e) => setPool(e.target.value)}
            required
          />
        </div>
        <FormError error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('common.add')}</button>
        </div>
      </form>
    </Dialog>
  );
}
