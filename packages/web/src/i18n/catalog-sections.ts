/**
 * The sections (top-level keys) of a catalog that every page needs from its first render: what the
 * first download shows (the signed-out screens, the second-factor step, the signed-in shell, its
 * dialogs and banners) and the labels every screen uses (statuses, error codes, organization kinds).
 * In English, the reference and the fallback, these are the `core` part of the first download;
 * the rest of the English catalog comes with the first screen that is not in it (see i18n.ts and
 * lazy-screen.tsx). `catalog-sections.test.ts` checks that the code of the first download uses no
 * other section.
 */
export const coreSections = [
  'auth',
  'calls',
  'chooseOrg',
  'common',
  'errors',
  'license',
  'nav',
  'oidc',
  'orgKind',
  'orgs',
  'password',
  'roles',
  'shell',
  'status',
  'terms',
  'trial',
  'twoFactor',
] as const;

/** The part of a catalog in `sections` (`part: 'core'`) or outside them (`'rest'`). */
export function catalogPart(
  catalog: Record<string, unknown>,
  sections: readonly string[],
  part: 'core' | 'rest',
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(catalog).filter(([section]) => sections.includes(section) === (part === 'core')),
  );
}
