import { useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function SignInScreen() {
  const { session, replace } = useSession();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [stay, setStay] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session) return <Navigate to={from} replace />;

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      replace(await api.post<SessionInfo>('/api/v1/auth/sign-in', { login, password, staySignedIn: stay }));
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame title="Sign in">
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="login">Username or email address</label>
          <input id="login" name="login" value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="username" autoFocus required />
        </div>
        <PasswordInput label="Password" value={password} onChange={setPassword} autoComplete="current-password" name="password" />
        <label className="check">
          <input type="checkbox" checked={stay} onChange={(e) => setStay(e.target.checked)} /> Stay signed in
        </label>
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </form>
    </PublicFrame>
  );
}
