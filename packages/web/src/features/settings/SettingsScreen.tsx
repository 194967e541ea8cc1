import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { LicensePanel } from './LicensePanel.tsx';
import { OrganizationPanel } from './OrganizationPanel.tsx';
import { MyAccountPanel } from './MyAccountPanel.tsx';

const tabs = ['account', 'organization', 'tokens', 'license'] as const;
type Tab = (typeof tabs)[number];

export function SettingsScreen() {
  const { t } = useTranslation();
  const { session, can } = useOrg();
  const enterprise = session.currentOrg?.kind === 'enterprise';
  const shown = tabs.filter(
    (name) => (name !== 'tokens' || can('tokens.manage')) && (name !== 'license' || enterprise),
  );
  const [tab, setTab] = useState<Tab>('account');
  return (
    <section aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">{t('nav.settings')}</h1>
      </div>
      <Tabs
        label={t('nav.settings')}
        tabs={shown}
        current={tab}
        onChange={setTab}
        labelOf={(name) => t(`settings.tabs.${name}`)}
      >
        {tab === 'account' && <MyAccountPanel />}
        {tab === 'organization' && <OrganizationPanel />}
        {tab === 'tokens' && <ApiTokensPanel />}
        {tab === 'license' && <LicensePanel />}
      </Tabs>
    </section>
  );
}
