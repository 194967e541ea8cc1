#!/usr/bin/env node
// Lists, per language, the web catalog keys that English has and the language lacks (and the keys
// it has that English no longer has), with the plural forms each language needs (Intl.PluralRules).
//
//   node scripts/i18n-missing.mjs            a summary per language
//   node scripts/i18n-missing.mjs --json     { "it": { "a.b_one": "English text", … }, … } to translate
//   node scripts/i18n-missing.mjs it pl      only these languages
//
// Exit code 1 when something is missing or extra (usable in CI).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../packages/web/src/i18n');
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(tree, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      flatten(value, `${prefix}${key}.`, out);
    else out.set(`${prefix}${key}`, value);
  }
  return out;
}
const read = (lng) => flatten(JSON.parse(readFileSync(join(dir, `${lng}.json`), 'utf8')));
const base = (key) => key.replace(pluralSuffix, '');

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const languages = readdirSync(dir)
  .filter((f) => /^[a-z]{2}\.json$/.test(f))
  .map((f) => f.slice(0, 2))
  .filter((l) => l !== 'en' && (only.length === 0 || only.includes(l)));

const en = read('en');
const enBases = new Map();
for (const [key, value] of en) {
  const b = base(key);
  enBases.set(b, { ...enBases.get(b), [key.slice(b.length) || '']: value });
}

const report = {};
let problems = 0;
for (const lng of languages) {
  const mine = read(lng);
  const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const missing = {};
  for (const [b, variants] of enBases) {
    const plural = !('' in variants);
    if (!plural) {
      if (!mine.has(b)) missing[b] = variants[''];
      continue;
    }
    // Each form the language needs, with the English text nearest to it (one for one, other else).
    for (const f of forms) {
      if (!mine.has(`${b}_${f}`)) missing[`${b}_${f}`] = variants[`_${f}`] ?? variants._other;
    }
  }
  const extra = [...mine.keys()].filter((k) => !enBases.has(base(k)));
  for (const k of [...mine.keys()]) {
    const b = base(k);
    const suffix = k.slice(b.length + 1);
    if (suffix && !forms.includes(suffix) && enBases.has(b)) extra.push(k);
  }
  problems += Object.keys(missing).length + extra.length;
  report[lng] = { missing, extra };
}

if (asJson) {
  console.log(
    JSON.stringify(Object.fromEntries(Object.entries(report).map(([l, r]) => [l, r.missing])), null, 2),
  );
} else {
  for (const [lng, { missing, extra }] of Object.entries(report)) {
    const keys = Object.keys(missing);
    console.log(`${lng}: ${String(keys.length)} missing, ${String(extra.length)} extra`);
    for (const k of keys) console.log(`  - ${k}`);
    for (const k of extra) console.log(`  + ${k}`);
  }
}
process.exit(problems > 0 ? 1 : 0);
