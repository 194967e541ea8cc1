import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { oidcFailureSteps, type OidcSignInOption } from '@crosspoint/protocol';
import { call, urlOf } from '../../api/client.ts';

/**
 * Why an OpenID sign-in came back to the sign-in page (`?error=OIDC_FAILED&step=…`, or another
 * error code), in the reader's language.
 */
export function OidcSignInError() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('error');
  if (!code) return null;
  const step = params.get('step') ?? '';
  const known = (oidcFailureSteps as readonly string[]).includes(step);
  const message =
    code === 'OIDC_FAILED'
      ? t(known ? `oidc.failed.${step}` : 'oidc.failed.generic')
      : t([`errors.${code}`, 'oidc.failed.generic']);
  return (
    <div role="alert" className="form-error">
      <p>{message}</p>
    </div>
  );
}

/**
 * "Sign in with …" buttons: the hub-wide providers, and the organization's own one named by its
 * sign-in link (`/sign-in?provider=<id>`). Each goes to the hub's start route, which sends the
 * browser on to the provider.
 */
export function OidcSignInButtons({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const providerId = params.get('provider');
  const hubWide = useQuery({
    queryKey: ['listOidcSignInOptions'],
    queryFn: ({ signal }) => call('listOidcSignInOptions', {}, { signal }),
    staleTime: 300_000,
    retry: false,
  });
  const named = useQuery({
    queryKey: ['getOidcSignInOption', providerId],
    queryFn: ({ signal }) =>
      call('getOidcSignInOption', { params: { providerId: providerId ?? '' } }, { signal }),
    enabled: !!providerId && /^[0-9a-f-]{36}$/i.test(providerId),
    retry: false,
  });
  const options: OidcSignInOption[] = [
    ...(named.data ? [named.data] : []),
    ...(hubWide.data?.items ?? []).filter((o) => o.id !== named.data?.id),
  ];
  if (options.length === 0) return null;
  const go = (providerId: string) => {
    window.location.assign(urlOf('startOidcSignIn', { params: { providerId }, query: { returnTo } }));
  };
  return (
    <div className="form" aria-label={t('oidc.otherWays')} role="group">
      <p className="muted">{t('oidc.or')}</p>
      {options.map((o) => (
        <button key={o.id} type="button" className="secondary" onClick={() => go(o.id)}>
          {t('oidc.signInWith', { name: o.name })}
        </button>
      ))}
    </div>
  );
}
