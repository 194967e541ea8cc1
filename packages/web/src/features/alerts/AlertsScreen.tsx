import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../../ui/Tabs.tsx';
import { MailServerPanel } from './MailServerPanel.tsx';
import { DeliveriesTab } from './DeliveriesTab.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';
import { MaintenanceTab } from './MaintenanceTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { IncidentsTab } from './IncidentsTab.tsx';

const tabs = ['incidents', 'rules', 'maintenance', 'webhooks', 'mailServer', 'deliveries'] as const;
type Tab = (typeof tabs)[number];

/** Alerts: what is failing now, the rules, maintenance windows, webhooks and what was sent. */
export function AlertsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('incidents');
  return (
    <section aria-labelledby="alerts-title">
      <div className="screen-head">
        <h1 id="alerts-title">{t('nav.alerts')}</h1>
      </div>
      <Tabs
        label={t('nav.alerts')}
        tabs={tabs}
        current={tab}
        onChange={setTab}
        labelOf={(name) => t(`alerts.tabs.${name}`)}
      >
        {tab === 'incidents' && <IncidentsTab />}
        {tab === 'rules' && <RulesTab />}
        {tab === 'maintenance' && <MaintenanceTab />}
        {tab === 'webhooks' && <WebhooksTab />}
        {tab === 'mailServer' && <MailServerPanel />}
        {tab === 'deliveries' && <DeliveriesTab />}
      </Tabs>
    </section>
  );
}
