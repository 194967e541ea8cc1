import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agentPasswordRules, userPasswordRules } from '@crosspoint/protocol';
import { call } from '../api/client.ts';
import { useDebounced } from './useDebounced.ts';

const strengthKeys = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;

/** Live strength meter and policy checklist, rated by the hub (the same rules it enforces). */
export function PasswordMeter({
  password,
  kind,
  userInputs = [],
}: {
  password: string;
  kind: 'user' | 'agent';
  userInputs?: string[];
}) {
  const { t } = useTranslation();
  const settled = useDebounced(password, 200);
  const rating = useQuery({
    queryKey: ['password-strength', kind, settled, userInputs.join('|')],
    queryFn: () => call('ratePassword', { body: { password: settled, kind, userInputs } }),
    enabled: settled.length > 0,
    staleTime: Infinity,
  });
  const rules = kind === 'user' ? userPasswordRules : agentPasswordRules;
  const score = password.length === 0 ? -1 : (rating.data?.score ?? -1);
  return (
    <div className="password-meter" aria-live="polite">
      <div
        className="meter"
        role="meter"
        aria-label={t('password.strength')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={Math.max(0, score)}
      >
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={i <= score ? `bar on s${String(score)}` : 'bar'} />
        ))}
      </div>
      <p className="muted" data-testid="strength-label">
        {score < 0 ? t('password.typeOne') : t(`password.${strengthKeys[score] ?? 'veryWeak'}`)}
        {rating.data?.warning ? ` — ${rating.data.warning}` : ''}
      </p>
      <ul className="rules">
        {rules
          .filter((r) => r.id !== 'max')
          .map((r) => {
            const ok = r.test(password);
            return (
              <li key={r.id} className={ok ? 'ok' : 'todo'}>
                <span aria-hidden="true">{ok ? '✓' : '•'}</span>{' '}
                {t(`password.rules.${kind}.${r.id}`, { defaultValue: r.label })}
              </li>
            );
          })}
        <li className={rating.data?.acceptable ? 'ok' : 'todo'}>
          <span aria-hidden="true">{rating.data?.acceptable ? '✓' : '•'}</span>{' '}
          {t('password.rules.hardToGuess')}
        </li>
      </ul>
    </div>
  );
}
