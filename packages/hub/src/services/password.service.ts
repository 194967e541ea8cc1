import {
  agentPasswordRules,
  brokenRules,
  minimumStrength,
  userPasswordRules,
  type PasswordStrength,
} from '@crosspoint/protocol';
import type { PasswordHasher } from '../adapters/password-hasher.ts';
import type { StrengthMeter } from '../adapters/password-strength.ts';
import { ServiceError } from './service-error.ts';

export type PasswordKind = 'user' | 'agent';

/** The password policy (rules + strength floor) and hashing, for users and agent accounts alike. */
export class PasswordService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly meter: StrengthMeter,
  ) {}

  strength(password: string, kind: PasswordKind, userInputs: string[] = []): PasswordStrength {
    const broken = brokenRules(kind === 'user' ? userPasswordRules : agentPasswordRules, password);
    const estimate = this.meter(password, userInputs);
    const strongEnough = estimate.score >= minimumStrength[kind];
    return {
      score: estimate.score,
      acceptable: broken.length === 0 && strongEnough,
      brokenRules: strongEnough ? broken : [...broken, 'Harder to guess'],
      warning: estimate.warning,
      suggestions: estimate.suggestions,
    };
  }

  /** Hashes a password that meets the policy, or throws WEAK_PASSWORD listing what is missing. */
  async hashAcceptable(password: string, kind: PasswordKind, userInputs: string[] = []): Promise<string> {
    const s = this.strength(password, kind, userInputs);
    if (!s.acceptable) {
      const why = [...s.brokenRules, s.warning].filter(Boolean).join('; ');
      throw ServiceError.invalid('WEAK_PASSWORD', `The password does not meet the policy: ${why}.`, [
        ...s.brokenRules.map((message) => ({ path: '/body/password', message })),
      ]);
    }
    return this.hasher.hash(password);
  }

  verify(hashed: string | null, password: string): Promise<boolean> {
    if (!hashed) {
      // Spend the same time as a real check, so response times do not tell which accounts exist.
      return this.hasher.decoy.then((decoy) => this.hasher.verify(decoy, password)).then(() => false);
    }
    return this.hasher.verify(hashed, password);
  }
}
