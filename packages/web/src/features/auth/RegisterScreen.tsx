import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { errorMessage } from '../../i18n/labels.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PasswordMeter } from '../../ui/PasswordMeter.tsx';
import { PublicFrame } from './PublicFrame.tsx';

/** Register a password from an invitation link. */
export function RegisterScreen() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const { replace } = useSession();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => call('getInvitation', { params: { token } }),
    enabled: token.length >= 20,
    retry: false,
  });
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (token.length < 20 || invitation.isError) {
    return (
      <PublicFrame title={t('auth.registerShort')}>
        <p role="alert" className="error">
          {invitation.error
            ? errorMessage(t, i18n.language, invitation.error)
            : t('auth.needsInvitationLink')}
        </p>
        <p>
          <Link to="/sign-in">{t('auth.goToSignIn')}</Link>
        </p>
      </PublicFrame>
    );
  }
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      replace(await call('register', { body: { token, password, firstName, lastName } }));
      void navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicFrame title={t('auth.registerTitle')}>
      {invitation.isPending ? (
        <p role="status">{t('auth.checkingInvitation')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <p>
            <Trans
              i18nKey="auth.invited"
              values={{
                organization: invitation.data.organization,
                role: t(`roles.${invitation.data.role}`),
                email: invitation.data.email,
              }}
              components={{ strong: <strong /> }}
            />
          </p>
          <div className="row">
            <div className="field">
              <label htmlFor="first">{t('common.firstName')}</label>
              <input
                id="first"
                value={firstName}
                onChange={(e) => setFirstName(e.target.value)}
                autoComplete="given-name"
                autoFocus
              />
            </div>
            <div className="field">
              <label htmlFor="last">{t('common.lastName')}</label>
              <input
                id="last"
                value={lastName}
                onChange={(e) => setLastName(e.target.value)}
                autoComplete="family-name"
              />
            </div>
          </div>
          <PasswordInput
            label={t('auth.password')}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
          />
          <PasswordMeter
            password={password}
            kind="user"
            userInputs={[invitation.data.email, firstName, lastName]}
          />
          <FormError error={error} />
          <button type="submit">{t('auth.register')}</button>
        </form>
      )}
    </PublicFrame>
  );
}
