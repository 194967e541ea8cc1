import { useState, type SyntheticEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PasswordMeter } from '../../ui/PasswordMeter.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function ResetPasswordScreen() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/v1/auth/reset-password', { token, password });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicFrame title="Choose a new password">
      {done ? (
        <p role="status">
          Your password is changed and every session of the account was signed out. <Link to="/sign-in">Sign in</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <PasswordInput label="New password" value={password} onChange={setPassword} autoComplete="new-password" autoFocus />
          <PasswordMeter password={password} kind="user" />
          <FormError error={error} />
          <button type="submit">Set password</button>
        </form>
      )}
    </PublicFrame>
  );
}
