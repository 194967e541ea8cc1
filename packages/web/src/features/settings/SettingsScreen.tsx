import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { LicensePanel } from './LicensePanel.tsx';
import { OrganizationPanel } from './OrganizationPanel.tsx';
import { MyAccountPanel } from './MyAccountPanel.tsx';
import { isOneOf } from '../../ui/oneOf.ts';
import { SignInSettingsPanel } from '../sign-in/SignInSettingsPanel.tsx';
import { ConfigurationSettingsPanel } from '../configurations/ConfigurationSettingsPanel.tsx';

const tabs = ['account', 'organization', 'sign-in', 'tokens', 'backups', 'license'] as const;
type Tab = (typeof tabs)[number];

export function SettingsScreen() {
  const { t } = useTranslation();
  const { session, can } = useOrg();
  const enterprise = session.currentOrg?.kind === 'enterprise';
  const shown = tabs.filter(
    (name) =>
      (name !== 'tokens' || can('tokens.manage')) &&
      (name !== 'sign-in' || can('users.manage')) &&
      (name !== 'license' || enterprise) &&
      (name !== 'backups' || can('devices.read')),
  );
  // ?tab=license opens a tab directly (the license banner links there).
  const [params] = useSearchParams();
  const asked = params.get('tab') ?? '';
  const [chosen, setTab] = useState<Tab | null>(null);
  const [seen, setSeen] = useState(asked);
  if (asked !== seen) {
    // The link was followed again while Settings was open: it wins over the tab clicked before.
    setSeen(asked);
    setTab(null);
  }
  const tab = chosen ?? (isOneOf(shown, asked) ? asked : 'account');
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
        {tab === 'sign-in' && <SignInSettingsPanel />}
        {tab === 'tokens' && <ApiTokensPanel />}
        {tab === 'backups' && <ConfigurationSettingsPanel />}
        {tab === 'license' && <LicensePanel />}
      </Tabs>
    </section>
  );
}
