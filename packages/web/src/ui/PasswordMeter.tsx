import { useQuery } from '@tanstack/react-query';
import type { PasswordStrength } from '@crosspoint/protocol';
import { agentPasswordRules, userPasswordRules } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useDebounced } from './useDebounced.ts';

const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** Live strength meter and policy checklist, rated by the hub (the same rules it enforces). */
export function PasswordMeter({ password, kind, userInputs = [] }: { password: string; kind: 'user' | 'agent'; userInputs?: string[] }) {
  const settled = useDebounced(password, 200);
  const rating = useQuery({
    queryKey: ['password-strength', kind, settled, userInputs.join('|')],
    queryFn: () => api.post<PasswordStrength>('/api/v1/auth/password-strength', { password: settled, kind, userInputs }),
    enabled: settled.length > 0,
    staleTime: Infinity,
  });
  const rules = kind === 'user' ? userPasswordRules : agentPasswordRules;
  const score = password.length === 0 ? -1 : (rating.data?.score ?? -1);
  return (
    <div className="password-meter" aria-live="polite">
      <div className="meter" role="meter" aria-label="Password strength" aria-valuemin={0} aria-valuemax={4} aria-valuenow={Math.max(0, score)}>
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= score ? `bar on s${String(score)}` : 'bar'} />
        ))}
      </div>
      <p className="muted" data-testid="strength-label">
        {score < 0 ? 'Type a password' : labels[score]}
        {rating.data?.warning ? ` — ${rating.data.warning}` : ''}
      </p>
      <ul className="rules">
        {rules
          .filter((r) => r.id !== 'max')
          .map((r) => {
            const ok = r.test(password);
            return (
              <li key={r.id} className={ok ? 'ok' : 'todo'}>
                <span aria-hidden="true">{ok ? '✓' : '•'}</span> {r.label}
              </li>
            );
          })}
        <li className={rating.data?.acceptable ? 'ok' : 'todo'}>
          <span aria-hidden="true">{rating.data?.acceptable ? '✓' : '•'}</span> Hard to guess
        </li>
      </ul>
    </div>
  );
}
