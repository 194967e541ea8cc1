import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@crosspoint/protocol';
import { useOrg } from '../../auth/session.tsx';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { CampaignDetail } from './CampaignDetail.tsx';
import { NewCampaignDialog } from './NewCampaignDialog.tsx';
import { useCampaigns } from './queries.ts';
import { campaignBadge } from './firmware-format.ts';

/** Campaigns, newest first; choosing one shows its waves, devices and actions. */
export function CampaignsTab({ initial }: { initial?: string | undefined }) {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const list = useCampaigns(orgId);
  const [chosen, setChosen] = useState<string | undefined>(initial);
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  const current = items.find((c) => c.id === chosen);
  const columns: Column<Campaign>[] = [
    {
      key: 'name',
      label: t('firmware.campaign.name'),
      render: (c) => (
        <button type="button" className="link" onClick={() => setChosen(c.id)}>
          {c.name}
        </button>
      ),
    },
    {
      key: 'package',
      label: t('firmware.campaign.package'),
      render: (c) => `${t(`firmware.family.${c.package.family}`)} ${c.package.version}`,
    },
    {
      key: 'status',
      label: t('common.status'),
      render: (c) => (
        <span className={`badge ${campaignBadge[c.status]}`}>
          {t(`firmware.campaign.status.${c.status}`)}
        </span>
      ),
    },
    {
      key: 'progress',
      label: t('firmware.campaign.progress'),
      render: (c) => {
        const sum = (k: 'updated' | 'failed' | 'total') => c.waves.reduce((n, w) => n + w[k], 0);
        return t('firmware.campaign.progressText', {
          updated: sum('updated'),
          failed: sum('failed'),
          total: sum('total'),
        });
      },
    },
    { key: 'by', label: t('firmware.campaign.createdBy'), render: (c) => c.createdBy },
  ];
  return (
    <>
      <div className="toolbar">
        {can('devices.command') && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('firmware.campaign.new')}
          </button>
        )}
      </div>
      <FormError error={list.error} />
      <DataTable
        label={t('firmware.tabs.campaigns')}
        columns={columns}
        rows={items}
        rowKey={(c) => c.id}
        selected={(c) => c.id === chosen}
        empty={list.isPending ? t('common.loading') : t('firmware.campaign.empty')}
      />
      {current && <CampaignDetail campaign={current} />}
      {creating && (
        <NewCampaignDialog
          orgId={orgId}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setChosen(c.id);
            void list.refetch();
          }}
        />
      )}
    </>
  );
}
