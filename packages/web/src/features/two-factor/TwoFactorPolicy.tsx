import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { sessionKey, useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';

/** Settings › Sign-in: whether the organization requires two-factor sign-in of its members. */
export function TwoFactorPolicy() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const key = ['getSignInPolicy', orgId];
  const policy = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => call('getSignInPolicy', { params: { orgId } }, { signal }),
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // The box follows the click at once; it goes back if saving fails.
  const [typed, setTyped] = useState<boolean | null>(null);
  const change = async (requireTwoFactor: boolean) => {
    setError(null);
    setSaved(false);
    setTyped(requireTwoFactor);
    try {
      await call('updateSignInPolicy', { params: { orgId }, body: { requireTwoFactor } });
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: sessionKey });
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setTyped(null);
    }
  };
  return (
    <section aria-labelledby="two-factor-policy-title">
      <h2 id="two-factor-policy-title">{t('twoFactor.policyTitle')}</h2>
      {policy.data ? (
        <label className="check">
          <input
            type="checkbox"
            checked={typed ?? policy.data.requireTwoFactor}
            disabled={!can('users.manage')}
            onChange={(e) => void change(e.target.checked)}
          />{' '}
          {t('twoFactor.requireLabel')}
        </label>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
      <p className="muted">{t('twoFactor.policyHint')}</p>
      <FormError error={error} />
      {saved && <p role="status">{t('common.saved')}</p>}
    </section>
  );
}
