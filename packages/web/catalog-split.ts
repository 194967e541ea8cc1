import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { catalogPart, coreSections } from './src/i18n/catalog-sections.ts';

const partOf = /\.json\?(core|rest)$/;

/**
 * `import core from './en.json?core'` / `'./en.json?rest'`: the catalog's core sections
 * (`coreSections`) or all the others, as two modules, so the first download carries only the core
 * and the rest is a chunk of its own.
 */
export function catalogSplit(): Plugin {
  return {
    name: 'crosspoint-catalog-split',
    enforce: 'pre',
    load(id) {
      const match = partOf.exec(id);
      if (!match) return null;
      const file = id.slice(0, id.indexOf('?'));
      this.addWatchFile(file);
      const catalog = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const part = catalogPart(catalog, coreSections, match[1] === 'core' ? 'core' : 'rest');
      // A string for JSON.parse: parsed faster than the same object as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
    },
  };
}
