/**
 * Password rules shared by the hub (enforced) and the web app (shown while typing).
 * Users: at least 10 characters and a strength score of 3 of 4 (zxcvbn-ts), so long passphrases
 * pass and "Password1!" does not. Agent server accounts: at least 8 characters with a letter, a
 * digit and a special character (what the agent's installer expects), plus the same score floor of 2.
 */
/** Length in characters (code points), not UTF-16 units. */
const characters = (p: string): number => Array.from(p).length;

export interface PasswordRule {
  id: string;
  label: string;
  test(password: string): boolean;
}

export const userPasswordRules: PasswordRule[] = [
  { id: 'length', label: 'At least 10 characters', test: (p) => characters(p) >= 10 },
  { id: 'max', label: 'At most 200 characters', test: (p) => characters(p) <= 200 },
];

export const agentPasswordRules: PasswordRule[] = [
  { id: 'length', label: 'At least 8 characters', test: (p) => characters(p) >= 8 },
  { id: 'letter', label: 'A letter', test: (p) => /\p{L}/u.test(p) },
  { id: 'digit', label: 'A digit', test: (p) => /\p{N}/u.test(p) },
  { id: 'special', label: 'A special character', test: (p) => /[^\p{L}\p{N}]/u.test(p) },
  { id: 'max', label: 'At most 200 characters', test: (p) => characters(p) <= 200 },
];

export const minimumStrength = { user: 3, agent: 2 } as const;

/** Labels of the rules a password breaks (empty when it passes). */
export function brokenRules(rules: PasswordRule[], password: string): string[] {
  return rules.filter((r) => !r.test(password)).map((r) => r.label);
}
