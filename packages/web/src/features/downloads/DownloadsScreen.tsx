import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { useOrganization } from '../organizations/queries.ts';

/** Downloads: the agent, how to install it on a site and connect it to this hub. */
export function DownloadsScreen() {
  const { t } = useTranslation();
  const { session, orgId } = useOrg();
  const org = useOrganization(orgId);
  const hubUrl = window.location.origin;
  // The organization part of an agent login: the account number, or the organization's id (enterprise).
  const loginCode = org.data ? (org.data.accountNumber ?? org.data.id) : 'C10001';
  return (
    <section aria-labelledby="downloads-title">
      <div className="screen-head">
        <h1 id="downloads-title">{t('downloads.title')}</h1>
      </div>
      <article className="card">
        <h2>{t('downloads.agentTitle')}</h2>
        <p>{t('downloads.intro')}</p>
        <ol>
          <li>
            <Trans i18nKey="downloads.step1" components={{ code: <code /> }} />
          </li>
          <li>
            <Trans
              i18nKey="downloads.step2"
              values={{ org: session.currentOrg?.name ?? '' }}
              components={{ servers: <Link to="/servers" />, code: <code /> }}
            />
          </li>
          <li>
            <Trans
              i18nKey="downloads.findLogin"
              values={{ example: `Rack@${loginCode}` }}
              components={{ servers: <Link to="/servers" />, code: <code />, strong: <strong /> }}
            />
          </li>
          <li>
            {t('downloads.step3')}
            <pre className="code">
              {`npm run crosspoint -- agent \\
  --subnets 192.168.10.0/24@eth0 \\
  --hub-url ${hubUrl} \\
  --account "<${t('downloads.loginPlaceholder')}>" --password "<${t('downloads.passwordPlaceholder')}>"`}
            </pre>
          </li>
          <li>
            <Trans
              i18nKey="downloads.agentUi"
              values={{ hub: hubUrl }}
              components={{ code: <code />, strong: <strong /> }}
            />
          </li>
          <li>{t('downloads.step4')}</li>
        </ol>
        <p className="muted">{t('downloads.footnote')}</p>
      </article>
    </section>
  );
}
