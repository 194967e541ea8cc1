import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { csFailureSteps, type CsLink, type CsLinkScope } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { isOneOf } from '../../ui/oneOf.ts';
import { useCsLinks } from './queries.ts';

/**
 * My Account › "Linking to COLLABORATE Space": the person's own link and, for those who may change
 * the organization, the organization's (the dashboard's). Linking goes to CS's consent page and
 * comes back here with `?collaborateSpace=linked` or `failed&step=…`.
 */
export function CollaborateSpaceLinks() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const links = useCsLinks(orgId);
  const [params] = useSearchParams();
  const [baseUrl, setBaseUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const outcome = params.get('collaborateSpace');
  const step = params.get('step') ?? '';

  const start = async (scope: CsLinkScope) => {
    setError(null);
    setBusy(true);
    try {
      const body = baseUrl.trim() ? { scope, baseUrl: baseUrl.trim() } : { scope };
      const { url } = await call('startCollaborateSpaceLink', { params: { orgId }, body });
      window.location.assign(url);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const unlink = async (scope: CsLinkScope) => {
    setError(null);
    try {
      await call('removeCollaborateSpaceLink', { params: { orgId }, query: { scope } });
      await client.invalidateQueries({ queryKey: ['getCollaborateSpaceLinks', orgId] });
      await client.invalidateQueries({ queryKey: ['getCollaborateSpaceDashboard', orgId] });
    } catch (err) {
      setError(err);
    }
  };

  const row = (scope: CsLinkScope, link: CsLink | null | undefined) => (
    <div className="field" data-testid={`cs-link-${scope}`}>
      <strong>{t(`collaborateSpace.scope.${scope}`)}</strong>
      <span>
        {link
          ? t('collaborateSpace.linkedAs', {
              name: link.csUserName,
              email: link.csUserEmail,
              role: link.csRole,
            })
          : t('collaborateSpace.notLinked')}
      </span>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void start(scope)}>
          {link ? t(`collaborateSpace.relink.${scope}`) : t(`collaborateSpace.link.${scope}`)}
        </button>
        {link && (
          <button type="button" className="secondary" onClick={() => void unlink(scope)}>
            {t(`collaborateSpace.unlink.${scope}`)}
          </button>
        )}
      </div>
    </div>
  );

  return (
    <section aria-labelledby="cs-link-title">
      <h2 id="cs-link-title">{t('collaborateSpace.linkTitle')}</h2>
      <p className="muted">{t('collaborateSpace.linkIntro')}</p>
      {outcome === 'linked' && <p role="status">{t('collaborateSpace.linkedNow')}</p>}
      {outcome === 'failed' && (
        <p role="alert" className="error">
          {t(`collaborateSpace.failed.${isOneOf(csFailureSteps, step) ? step : 'other'}`)}
        </p>
      )}
      <div className="field">
        <label htmlFor="cs-base-url">{t('collaborateSpace.baseUrl')}</label>
        <input
          id="cs-base-url"
          type="url"
          value={baseUrl}
          placeholder={links.data?.defaultBaseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <span className="muted">{t('collaborateSpace.baseUrlHint')}</span>
      </div>
      {row('person', links.data?.person)}
      {can('org.update') && row('organization', links.data?.organization)}
      <FormError error={error} />
    </section>
  );
}
