import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { formatDay } from '../../format.ts';
import { useNow } from '../../ui/useNow.ts';
import { useOrganization } from './queries.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A support organization on trial (or a client of one): the days left, and once the trial has
 * ended, that monitoring has stopped and who can continue it.
 */
export function TrialBanner() {
  const { t, i18n } = useTranslation();
  const { orgId, session } = useOrg();
  const kind = session.currentOrg?.kind;
  const org = useOrganization(orgId);
  const now = useNow(60_000);
  const trial = kind === 'support' || kind === 'client' ? org.data?.trial : null;
  if (!trial) return null;
  const date = formatDay(trial.end, i18n.language);
  // The last day counts: a trial ending today has 1 day left.
  const daysLeft = Math.max(1, Math.ceil((Date.parse(`${trial.end}T23:59:59Z`) - now) / dayMs));
  const own = kind === 'support';
  const message = trial.ended
    ? own
      ? t('orgs.trialEndedBanner', { date })
      : t('orgs.trialEndedClientBanner', { date, name: trial.organization })
    : own
      ? t('orgs.trialBanner', { count: daysLeft, date })
      : null;
  if (!message) return null;
  return (
    <div className={`license-banner ${trial.ended ? 'expired' : 'expiring'}`} data-testid="trial-banner">
      <p>{message}</p>
    </div>
  );
}
