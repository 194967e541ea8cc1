import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function ForgotPasswordScreen() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/v1/auth/forgot-password', { email });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicFrame title="Forgot your password?">
      {sent ? (
        <p role="status">
          If <strong>{email}</strong> has an account, a reset link is on its way. It works once, for one hour.{' '}
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <div className="field">
            <label htmlFor="email">Email address</label>
            <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" autoFocus required />
          </div>
          <FormError error={error} />
          <button type="submit">Send reset link</button>
          <p>
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </form>
      )}
    </PublicFrame>
  );
}
