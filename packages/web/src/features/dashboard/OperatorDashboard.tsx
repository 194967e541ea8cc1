import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { errorMessage } from '../../i18n/labels.ts';
import { useOrganization } from '../organizations/queries.ts';

/**
 * The platform operator's first screen: the support organizations and people they look after, and
 * where the hub's health is. Devices belong to the clients of support organizations, so no device
 * widget here (and no Servers menu to point at).
 */
export function OperatorDashboard() {
  const { t, i18n } = useTranslation();
  const { orgId } = useOrg();
  const org = useOrganization(orgId);
  return (
    <section aria-labelledby="dashboard-title">
      <div className="screen-head">
        <h1 id="dashboard-title">{t('nav.dashboard')}</h1>
      </div>
      {org.error && (
        <p role="alert">
          {t('dashboard.loadFailed', { message: errorMessage(t, i18n.language, org.error) })}
        </p>
      )}
      <div className="grid">
        <figure className="card stat">
          <figcaption>{t('dashboard.operator.supportOrgs')}</figcaption>
          <p className="big">{org.data?.counts.clients ?? '–'}</p>
          <Link to="/organizations">{t('dashboard.operator.openOrganizations')}</Link>
        </figure>
        <figure className="card stat">
          <figcaption>{t('nav.users')}</figcaption>
          <p className="big">{org.data?.counts.users ?? '–'}</p>
          <Link to="/users">{t('dashboard.operator.openUsers')}</Link>
        </figure>
        <figure className="card stat">
          <figcaption>{t('nav.system')}</figcaption>
          <p>{t('dashboard.operator.systemHint')}</p>
          <Link to="/system">{t('dashboard.operator.openSystem')}</Link>
        </figure>
      </div>
    </section>
  );
}
