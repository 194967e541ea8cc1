import { useTranslation } from 'react-i18next';
import { TwoFactorSetup } from './TwoFactorSetup.tsx';

/** The organization requires two-factor sign-in: nothing else of it shows until the person turns it on. */
export function TwoFactorRequired({ orgName }: { orgName: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="two-factor-required-title" className="card">
      <h1 id="two-factor-required-title">{t('twoFactor.requiredTitle')}</h1>
      <p>{t('twoFactor.requiredIntro', { name: orgName })}</p>
      <TwoFactorSetup />
    </section>
  );
}
