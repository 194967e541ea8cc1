import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { formatDate } from '../../format.ts';
import { useLicense } from './queries.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Days from now until `iso`, at least 0, rounded up (a license ending tonight has 1 day left). */
const daysUntil = (iso: string): number => Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / dayMs));

/**
 * Enterprise edition: a banner for Owners and Administrators while the license is about to expire,
 * in its grace period, or expired — with the days left and a link to Settings › Subscription and License.
 */
export function LicenseBanner() {
  const { t, i18n } = useTranslation();
  const { orgId, session, can } = useOrg();
  const shown = session.currentOrg?.kind === 'enterprise' && can('org.update');
  const license = useLicense(orgId, shown);
  const s = license.data;
  if (!shown || !s || !s.expiresAt || !s.graceEndsAt) return null;
  if (s.state !== 'expiring' && s.state !== 'grace' && s.state !== 'expired') return null;
  const date = (iso: string) => formatDate(iso, i18n.language);
  const message =
    s.state === 'expiring'
      ? t('license.expiringBanner', { count: daysUntil(s.expiresAt), date: date(s.expiresAt) })
      : s.state === 'grace'
        ? t('license.graceBanner', {
            count: daysUntil(s.graceEndsAt),
            date: date(s.expiresAt),
            end: date(s.graceEndsAt),
            unlicensed: s.unlicensedCapacity,
          })
        : t('license.expiredBanner', { date: date(s.expiresAt), unlicensed: s.unlicensedCapacity });
  return (
    <div className={`license-banner ${s.state}`} data-testid="license-banner">
      <p>
        {message} <Link to="/settings?tab=license">{t('license.open')}</Link>
      </p>
    </div>
  );
}
