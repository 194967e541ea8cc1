// Accessibility checks for the browser tests: axe-core, run inside the page on the screen as it is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core's browser build, read once (about 600 kB). */
let axeSource: string | undefined;
const source = (): string =>
  (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * The rules run: every WCAG 2.0, 2.1 and 2.2 rule of level A and AA. axe's "best-practice" rules
 * (landmarks, heading order…) are not WCAG requirements and are not run; no WCAG rule is disabled.
 */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The impacts that fail a test. Minor and moderate violations are printed, not failed on. */
const failing: ImpactValue[] = ['serious', 'critical'];

/**
 * Puts axe-core into the page unless it is there already (it stays across the app's client-side
 * navigations; a full load removes it). The hub's Content-Security-Policy refuses inline scripts,
 * so `page.addScriptTag({ content })` would be blocked: the source is evaluated through the
 * DevTools protocol instead, which the page's CSP does not govern.
 */
async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(source());
}

/** Lets finite CSS animations and transitions end, so that colours are read as they settle. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.race([
      Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 2_000)),
    ]);
  });
}

/** One line per failing element: impact, rule, its help, where, and what to fix. */
export function describeViolations(violations: AxeResults['violations']): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => {
      const fix = node.failureSummary?.replace(/\s+/g, ' ').trim();
      const where = node.target.map(String).join(' >> ');
      const html = node.html.replace(/\s+/g, ' ').slice(0, 160);
      return `[${v.impact ?? 'unknown'}] ${v.id}: ${v.help} at ${where} ${html}${fix ? ` (${fix})` : ''} ${v.helpUrl}`;
    }),
  );
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the page (or on the part `include` selects, e.g. an open
 * dialog) and fails the test, naming `screen`, each rule, its help and every failing element, if a
 * violation is serious or critical. Minor and moderate ones are printed, so they are seen too.
 *
 * The failure is a soft one (`expect.soft`): the test goes on to its next screens and fails at its
 * end, so one run reports every screen's violations instead of the first one's.
 */
export async function expectNoSeriousViolations(
  page: Page,
  screen: string,
  options: { include?: string } = {},
): Promise<void> {
  await injectAxe(page);
  await settle(page);
  const runOptions: RunOptions = { runOnly: { type: 'tag', values: wcagTags }, resultTypes: ['violations'] };
  const violations = await page.evaluate(
    async ({ include, runOptions }) => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const r = await axe.run(include ? { include: [include] } : document, runOptions);
      return r.violations; // Only these are read back: the whole result carries every passed check too.
    },
    { include: options.include, runOptions },
  );
  const lesser = violations.filter((v) => !failing.includes(v.impact ?? null));
  if (lesser.length > 0) {
    const list = lesser
      .map((v) => `${v.id} [${v.impact ?? 'unknown'}] ×${String(v.nodes.length)}`)
      .join(', ');
    console.warn(`${screen}: minor or moderate accessibility issues (not failing): ${list}`);
  }
  const serious = violations.filter((v) => failing.includes(v.impact ?? null));
  expect
    .soft(describeViolations(serious), `${screen}: serious or critical accessibility violations`)
    .toEqual([]);
}
