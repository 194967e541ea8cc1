import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directorySteps, type TestDirectoryUserResult } from '@crosspoint/protocol';
import { ApiError, call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * A failed directory test says at which step it failed (in the reader's language) and what the
 * hub found out there (the server's own words); any other error shows as usual.
 */
export function DirectoryTestFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'DIRECTORY_TEST_FAILED')
    return <FormError error={error} />;
  const step = directorySteps.find((s) => error.details[0]?.path === `/step/${s}`);
  return (
    <div role="alert" className="form-error" data-testid="directory-test-failure">
      <p>
        <strong>{step ? t(`directory.steps.${step}`) : t('errors.DIRECTORY_TEST_FAILED')}</strong>
      </p>
      <p>{error.details[0]?.message ?? error.message}</p>
    </div>
  );
}

/** "Test a user" with the saved settings: the entry found, its groups and the role they give, and the password. */
export function DirectoryUserTest() {
  const { t } = useTranslation();
  const { orgId } = useOrg();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<TestDirectoryUserResult | null>(null);

  const test = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await call('testOrgDirectoryUser', {
          params: { orgId },
          body: { login: login.trim(), ...(password ? { password } : {}) },
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void test(e)} className="form card" aria-labelledby="directory-user-test-title">
      <h3 id="directory-user-test-title">{t('directory.userTestTitle')}</h3>
      <p className="muted">{t('directory.userTestHint')}</p>
      <div className="row">
        <TextField
          id="directory-test-login"
          label={t('directory.testLogin')}
          value={login}
          onChange={setLogin}
          required
          autoComplete="off"
          placeholder="GLOBEX\jdoe"
        />
        <PasswordInput
          label={t('directory.testPassword')}
          value={password}
          onChange={setPassword}
          autoComplete="off"
          required={false}
        />
      </div>
      <div className="actions">
        <button type="submit" className="secondary" disabled={busy} aria-busy={busy}>
          {t('directory.testUser')}
        </button>
      </div>
      {result && (
        <div role="status" data-testid="directory-user-result">
          <dl>
            <dt>{t('directory.foundDn')}</dt>
            <dd>
              <code>{result.dn}</code>
            </dd>
            <dt>{t('directory.foundName')}</dt>
            <dd>{result.name}</dd>
            <dt>{t('directory.foundEmail')}</dt>
            <dd>{result.email ?? t('directory.noEmail')}</dd>
            <dt>{t('directory.foundGroups')}</dt>
            <dd>
              {result.groups.length ? (
                <ul>
                  {result.groups.map((g) => (
                    <li key={g}>
                      <code>{g}</code>
                    </li>
                  ))}
                </ul>
              ) : (
                t('directory.noGroups')
              )}
            </dd>
            <dt>{t('directory.foundRole')}</dt>
            <dd>{result.role ? t(`roles.${result.role}`) : t('directory.noRole')}</dd>
          </dl>
          {result.disabled && <p>{t('directory.disabledAccount')}</p>}
          {result.passwordChecked && <p>{t('directory.passwordOk')}</p>}
        </div>
      )}
      <DirectoryTestFailure error={error} />
    </form>
  );
}
