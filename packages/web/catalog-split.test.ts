import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './src/i18n/en.json';
import englishCore from './src/i18n/en.json?core';
import englishRest from './src/i18n/en.json?rest';
import { catalogPart, coreSections } from './src/i18n/catalog-sections.ts';

const src = resolve(dirname(fileURLToPath(import.meta.url)), 'src');
const sections = Object.keys(en);
/**
 * A key handed to i18next: `t('shell.signOut')`, `` t(`roles.${r}`) ``, `i18nKey="auth.x"`, `labelKey: 'nav.x'`
 * (not any string with a dot: permissions such as `'alerts.read'` are not keys).
 */
const keyLiteral = new RegExp(
  `(?:\\bt\\(\\s*|i18nKey=\\{?\\s*|[kK]ey:\\s*)['"\`](${sections.join('|')})\\.[A-Za-z$]`,
  'g',
);
/** Static imports of the app's own modules (a dynamic `import()` is another chunk). */
const staticImport = /^import\s+(?!type\s)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+\.tsx?)['"]/gm;

/** The app's modules in the first download (main.tsx and what it imports statically) → the sections they use. */
function sectionsOfFirstDownload(): Map<string, string> {
  const used = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, path] of code.matchAll(staticImport)) {
      const next = resolve(dirname(file), path!);
      if (existsSync(next)) visit(next);
    }
    for (const [, section] of code.matchAll(keyLiteral)) if (!used.has(section!)) used.set(section!, file);
  };
  visit(resolve(src, 'main.tsx'));
  expect(seen.size).toBeGreaterThan(20); // the walk followed the imports
  return used;
}

describe('the English catalog in two parts', () => {
  it('the first download uses only the core sections, so no page shows a key before the rest arrives', () => {
    const outside = [...sectionsOfFirstDownload()]
      .filter(([section]) => !(coreSections as readonly string[]).includes(section))
      .map(([section, file]) => `${section} (${file.slice(src.length + 1)})`);
    expect(outside).toEqual([]);
  });

  it('core and rest are the whole catalog, without overlap', () => {
    expect(coreSections.filter((s) => !sections.includes(s))).toEqual([]);
    expect(Object.keys(englishCore).sort()).toEqual([...coreSections].sort());
    expect({ ...englishCore, ...englishRest }).toEqual(en);
    expect(Object.keys(englishCore).filter((s) => s in englishRest)).toEqual([]);
    expect(catalogPart({ a: 1, b: 2 }, ['a'], 'rest')).toEqual({ b: 2 });
  });
});
