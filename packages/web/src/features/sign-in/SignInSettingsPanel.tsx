import { useTranslation } from 'react-i18next';
import { TwoFactorPolicy } from '../two-factor/TwoFactorPolicy.tsx';
import { OidcProvidersPanel } from './OidcProvidersPanel.tsx';
import { DirectoryPanel } from './DirectoryPanel.tsx';

/**
 * Settings › Sign-in: how the organization's people sign in — its LDAP / Active Directory, its
 * OpenID Connect providers, and whether a second factor is required. Each section is its own
 * component in this folder.
 */
export function SignInSettingsPanel() {
  const { t } = useTranslation();
  return (
    <div>
      <p className="muted">{t('signInSettings.intro')}</p>
      <DirectoryPanel />
      <OidcProvidersPanel />
      <TwoFactorPolicy />
    </div>
  );
}
