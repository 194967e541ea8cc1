import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Tabs } from '../../ui/Tabs.tsx';
import { CatalogTab } from './CatalogTab.tsx';
import { CampaignsTab } from './CampaignsTab.tsx';

const tabs = ['catalog', 'campaigns'] as const;
type Tab = (typeof tabs)[number];

/** Firmware: the catalog of packages and the campaigns that roll them out (docs/firmware.md). */
export function FirmwareScreen() {
  const { t } = useTranslation();
  const { campaignId } = useParams();
  const [tab, setTab] = useState<Tab>(campaignId ? 'campaigns' : 'catalog');
  return (
    <section aria-labelledby="firmware-title">
      <div className="screen-head">
        <h1 id="firmware-title">{t('nav.firmware')}</h1>
      </div>
      <Tabs
        label={t('nav.firmware')}
        tabs={tabs}
        current={tab}
        onChange={setTab}
        labelOf={(name) => t(`firmware.tabs.${name}`)}
      >
        {tab === 'catalog' && <CatalogTab />}
        {tab === 'campaigns' && <CampaignsTab initial={campaignId} />}
      </Tabs>
    </section>
  );
}
