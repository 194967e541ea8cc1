import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { deviceFamilies, type DeviceFamily, type FirmwarePackage } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatBytes } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar } from '../../ui/ListToolbar.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { firmwareKeys, usePackages } from './queries.ts';
import { UploadPackageDialog } from './UploadPackageDialog.tsx';
import { modelName } from './firmware-format.ts';

/** The catalog: packages the organization sees, searchable, sortable, filtered by family and status. */
export function CatalogTab() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [family, setFamily] = useState<DeviceFamily | ''>('');
  const [status, setStatus] = useState<'available' | 'withdrawn' | ''>('');
  const [sort, setSort] = useState<'createdAt' | 'version' | 'family'>('createdAt');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const debounced = useDebounced(search, 250);
  const list = usePackages(orgId, {
    search: debounced || undefined,
    family: family || undefined,
    status: status || undefined,
    sort,
    order,
  });
  const withdraw = async (p: FirmwarePackage) => {
    if (!window.confirm(t('firmware.withdrawConfirm', { version: p.version }))) return;
    setError(null);
    try {
      await call('withdrawFirmwarePackage', { params: { orgId, packageId: p.id } });
      await client.invalidateQueries({ queryKey: firmwareKeys.packages });
    } catch (e) {
      setError(e);
    }
  };
  const items = list.data?.items ?? [];
  const columns: Column<FirmwarePackage>[] = [
    { key: 'version', label: t('firmware.col.version'), sort: 'version', render: (p) => p.version },
    {
      key: 'family',
      label: t('firmware.col.family'),
      sort: 'family',
      render: (p) => t(`firmware.family.${p.family}`),
    },
    { key: 'models', label: t('firmware.col.models'), render: (p) => p.models.map(modelName).join(', ') },
    {
      key: 'publisher',
      label: t('firmware.col.publisher'),
      render: (p) => `${t(`firmware.publisher.${p.publisher}`)} (${p.organization.name})`,
    },
    {
      key: 'file',
      label: t('firmware.col.file'),
      render: (p) => (
        <>
          {p.fileName} · {formatBytes(p.bytes, i18n.language)}
          <br />
          <code title={p.sha256}>{p.sha256.slice(0, 16)}…</code>
          {p.signature && <span className="badge info"> {t('firmware.signed')}</span>}
        </>
      ),
    },
    { key: 'notes', label: t('firmware.col.notes'), render: (p) => p.releaseNotes },
    {
      key: 'createdAt',
      label: t('firmware.col.published'),
      sort: 'createdAt',
      render: (p) => new Date(p.createdAt).toLocaleDateString(i18n.language),
    },
    {
      key: 'status',
      label: t('common.status'),
      render: (p) => (
        <span className={`badge ${p.status === 'available' ? 'ok' : 'muted'}`}>
          {t(`firmware.status.${p.status}`)}
        </span>
      ),
    },
    {
      key: 'actions',
      label: t('firmware.col.actions'),
      render: (p) =>
        p.publisher === 'own' && p.status === 'available' && can('devices.command') ? (
          <button type="button" className="secondary" onClick={() => void withdraw(p)}>
            {t('firmware.withdraw', { version: p.version })}
          </button>
        ) : null,
    },
  ];
  return (
    <>
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('firmware.searchPlaceholder')}
        searchLabel={t('firmware.search')}
        count={t('firmware.count', { count: list.data?.total ?? 0 })}
        total={list.data?.total ?? 0}
        shown={items.length}
      >
        <select
          aria-label={t('firmware.col.family')}
          value={family}
          onChange={(e) => setFamily(e.target.value as DeviceFamily | '')}
        >
          <option value="">{t('firmware.allFamilies')}</option>
          {deviceFamilies.map((f) => (
            <option key={f} value={f}>
              {t(`firmware.family.${f}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('common.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as 'available' | 'withdrawn' | '')}
        >
          <option value="">{t('firmware.allStatuses')}</option>
          <option value="available">{t('firmware.status.available')}</option>
          <option value="withdrawn">{t('firmware.status.withdrawn')}</option>
        </select>
        {can('devices.command') && (
          <button type="button" onClick={() => setUploading(true)}>
            {t('firmware.upload')}
          </button>
        )}
      </ListToolbar>
      <FormError error={error ?? list.error} />
      <DataTable
        label={t('firmware.tabs.catalog')}
        columns={columns}
        rows={items}
        rowKey={(p) => p.id}
        sort={sort}
        order={order}
        onSort={(s, o) => {
          setSort(s as typeof sort);
          setOrder(o);
        }}
        empty={list.isPending ? t('common.loading') : t('firmware.empty')}
      />
      {uploading && (
        <UploadPackageDialog
          orgId={orgId}
          onClose={() => setUploading(false)}
          onDone={async () => {
            setUploading(false);
            await client.invalidateQueries({ queryKey: ['campaigns'] });
            await client.invalidateQueries({ queryKey: ['listDevices'] });
          }}
        />
      )}
    </>
  );
}
