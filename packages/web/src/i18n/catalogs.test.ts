import { describe, expect, it } from 'vitest';
import {
  agentPasswordRules,
  alertChannels,
  alertDeviceStatuses,
  deliveryStatuses,
  ErrorCode,
  incidentStates,
  incidentSubjectTypes,
  languages,
  locationKinds,
  maintenanceScopes,
  roles,
  userPasswordRules,
  serverAlertStates,
  serverConnectionStatuses,
  serverMonitoringStatuses,
} from '@crosspoint/protocol';
import { loadCatalog, uiLanguages, type UiLanguage } from './i18n.ts';
import { valueKey } from './labels.ts';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a catalog as `a.b.c` → text. */
function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v);
    } else out.set(`${prefix}${key}`, value);
  }
  return out;
}

// Each catalog as the app gets it (English bundled, the others through their dynamic import).
const flat = Object.fromEntries(
  await Promise.all(uiLanguages.map(async (l) => [l, flatten(await loadCatalog(l))] as const)),
) as Record<UiLanguage, Map<string, unknown>>;
const baseKey = (key: string) => key.replace(pluralSuffix, '');
/** Keys with plural forms collapsed: `devices.count_one`, `devices.count_other` → `devices.count`. */
const baseKeys = (lng: UiLanguage) => new Set([...flat[lng].keys()].map(baseKey));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '');
const tags = (text: string) =>
  [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((m) => m[0].replace(/\s/g, '')).sort();

describe('translation catalogs', () => {
  const others = uiLanguages.filter((l) => l !== 'en');

  it.each(others)('%s has exactly the keys of English (plural forms aside)', (lng) => {
    const en = baseKeys('en');
    const mine = baseKeys(lng);
    expect(
      [...en].filter((k) => !mine.has(k)),
      'missing',
    ).toEqual([]);
    expect(
      [...mine].filter((k) => !en.has(k)),
      'extra',
    ).toEqual([]);
  });

  it.each(uiLanguages)('%s has every plural form its language needs, and no other', (lng) => {
    const needed = new Intl.PluralRules(lng)
      .resolvedOptions()
      .pluralCategories.map((c) => `_${c}`)
      .sort();
    const forms = new Map<string, string[]>();
    for (const key of flat[lng].keys()) {
      const suffix = pluralSuffix.exec(key)?.[0];
      if (suffix) forms.set(baseKey(key), [...(forms.get(baseKey(key)) ?? []), suffix]);
    }
    const wrong = [...forms]
      .filter(([, have]) => have.sort().join() !== needed.join())
      .map(([k, have]) => `${k}: ${have.join()}`);
    expect(wrong).toEqual([]);
  });

  it.each(uiLanguages)('%s has no empty or non-text value', (lng) => {
    const bad = [...flat[lng]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it.each(others)('%s uses the same {{placeholders}} and <tags> as English in every text', (lng) => {
    const byBase = (l: UiLanguage, pick: (text: string) => string[]) => {
      const out = new Map<string, Set<string>>();
      for (const [k, v] of flat[l]) {
        const set = out.get(baseKey(k)) ?? new Set<string>();
        for (const p of pick(String(v))) set.add(p);
        out.set(baseKey(k), set);
      }
      return out;
    };
    for (const pick of [placeholders, tags]) {
      const en = byBase('en', pick);
      const mine = byBase(lng, pick);
      // Plural forms are compared together: a singular may say "every minute" without {{count}}.
      const differ = [...en]
        .filter(([k, want]) => [...want].sort().join() !== [...(mine.get(k) ?? [])].sort().join())
        .map(([k]) => k);
      expect(differ).toEqual([]);
    }
  });

  it.each(others)('%s is translated, not copied: most texts differ from English', (lng) => {
    const en = flat.en;
    const same = [...flat[lng]].filter(([k, v]) => en.get(k) === v).length;
    expect(same / flat[lng].size).toBeLessThan(0.15);
  });

  it('names every status and error code the hub sends', () => {
    const keys = flat.en;
    const statuses = [
      ...alertDeviceStatuses,
      ...serverConnectionStatuses,
      ...serverMonitoringStatuses,
      ...serverAlertStates,
      ...incidentStates,
      ...deliveryStatuses,
      ...['Invited', 'Registered', 'Active', 'Expired', 'Overflow', 'Disabled', 'Expiring'],
    ];
    expect(statuses.filter((s) => !keys.has(`status.${valueKey(s)}`))).toEqual([]);
    // Codes whose message is always the same; the others keep the hub's specific message.
    const specific: string[] = ['VALIDATION_FAILED', 'BAD_REQUEST', 'CONFLICT', 'UNSUPPORTED_MEDIA_TYPE'];
    const codes = Object.values(ErrorCode).filter((c) => !specific.includes(c));
    expect(codes.filter((c) => !keys.has(`errors.${c}`))).toEqual([]);
  });
});

describe('keys the code builds from protocol values', () => {
  const keys = flat.en;
  it.each([
    ['roles', roles],
    ['locations.kinds', locationKinds],
    ['alerts.channel', alertChannels],
    ['alerts.scope', maintenanceScopes],
    ['alerts.foldedInto', incidentSubjectTypes],
    ['users.languages', languages],
    ['password.rules.user', userPasswordRules.map((r) => r.id).filter((id) => id !== 'max')],
    ['password.rules.agent', agentPasswordRules.map((r) => r.id).filter((id) => id !== 'max')],
  ] as const)('%s.<value> exists for every value', (prefix, values) => {
    expect(values.filter((v) => !keys.has(`${prefix}.${v}`))).toEqual([]);
  });
});

describe('keys used by the code', () => {
  // The web app's sources as text (Vite's glob import, so no Node built-ins in the web package).
  const files = import.meta.glob<string>(
    ['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'],
    {
      query: '?raw',
      import: 'default',
      eager: true,
    },
  );
  const en = baseKeys('en');
  // t('a.b'), t("a.b", …) and <Trans i18nKey="a.b">; keys built at run time (t(`status.${x}`)) are
  // covered by the value tests above.
  const pattern = /(?<![\w.$])t\(\s*(['"])([\w.-]+)\1|i18nKey=(['"])([\w.-]+)\3/g;
  const used = Object.entries(files).flatMap(([file, text]) =>
    [...text.matchAll(pattern)].map((m) => ({ file, key: m[2] ?? m[4] ?? '' })),
  );

  it('finds the keys (the scan itself works)', () => {
    expect(used.length).toBeGreaterThan(300);
    expect(used.some((u) => u.key === 'nav.dashboard')).toBe(true);
  });

  it('has every literal key in the English catalog', () => {
    expect(used.filter((u) => !en.has(u.key)).map((u) => `${u.file}: ${u.key}`)).toEqual([]);
  });
});
