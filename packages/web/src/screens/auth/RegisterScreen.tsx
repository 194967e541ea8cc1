import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '@crosspoint/protocol';
import { roleLabels } from '@crosspoint/protocol';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PasswordMeter } from '../../ui/PasswordMeter.tsx';
import { PublicFrame } from './PublicFrame.tsx';

interface Invitation {
  email: string;
  organization: string;
  role: 'owner' | 'administrator' | 'monitor';
}

/** Register a password from an invitation link. */
export function RegisterScreen() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const { replace } = useSession();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<Invitation>(`/api/v1/auth/invitations/${encodeURIComponent(token)}`),
    enabled: token.length >= 20,
    retry: false,
  });
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (token.length < 20 || invitation.isError) {
    return (
      <PublicFrame title="Register">
        <p role="alert" className="error">
          {invitation.error?.message ?? 'This page needs the link from your invitation email.'}
        </p>
        <p>
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </PublicFrame>
    );
  }
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      replace(await api.post<SessionInfo>('/api/v1/auth/register', { token, password, firstName, lastName }));
      void navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicFrame title="Register your password">
      {invitation.isPending ? (
        <p role="status">Checking your invitation…</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <p>
            You are invited to <strong>{invitation.data.organization}</strong> as {roleLabels[invitation.data.role]}. You will sign in
            as <strong>{invitation.data.email}</strong>.
          </p>
          <div className="row">
            <div className="field">
              <label htmlFor="first">First name</label>
              <input id="first" value={firstName} onChange={(e) => setFirstName(e.target.value)} autoComplete="given-name" autoFocus />
            </div>
            <div className="field">
              <label htmlFor="last">Last name</label>
              <input id="last" value={lastName} onChange={(e) => setLastName(e.target.value)} autoComplete="family-name" />
            </div>
          </div>
          <PasswordInput label="Password" value={password} onChange={setPassword} autoComplete="new-password" />
          <PasswordMeter password={password} kind="user" userInputs={[invitation.data.email, firstName, lastName]} />
          <FormError error={error} />
          <button type="submit">Register</button>
        </form>
      )}
    </PublicFrame>
  );
}
