import { diffLines } from 'diff';
import { gainLimits, type ConfigurationChange, type ConfigurationSection } from '@crosspoint/protocol';
import { projectXmlOf, readCp2Project } from './cp2-project.ts';

/** A configuration read for people: a CONVERGE Pro 2 project in sections, anything else as text. */
export type ReadConfiguration =
  { format: 'structured'; sections: ConfigurationSection[] } | { format: 'text'; text: string };

/** Text files longer than this are cut for display and comparison. */
const maxTextChars = 2 * 1024 * 1024;

export function readConfiguration(bytes: Uint8Array): ReadConfiguration {
  const xml = projectXmlOf(bytes);
  if (xml !== undefined) return { format: 'structured', sections: readCp2Project(xml) };
  return { format: 'text', text: Buffer.from(bytes).toString('utf8').slice(0, maxTextChars) };
}

/**
 * What a channel's row says when the project does not list the channel: a project keeps only the
 * levels that differ from the defaults, so a channel missing on one side is at its defaults there.
 */
function channelDefault(key: string): string | undefined {
  if (!key.startsWith('channel.')) return undefined;
  if (key.endsWith('.gain')) return '0 dB';
  if (key.endsWith('.mute')) return 'off';
  if (key.endsWith('.minGain')) return `${String(gainLimits.min)} dB`;
  if (key.endsWith('.maxGain')) return `${String(gainLimits.max)} dB`;
  return undefined;
}

export interface ComparedConfigurations {
  format: 'structured' | 'text';
  changes: ConfigurationChange[];
  lines: { op: ' ' | '+' | '-'; text: string }[];
  summary: string[];
}

/** Every setting that differs between two structured configurations, in section order. */
export function compareSections(
  before: ConfigurationSection[],
  after: ConfigurationSection[],
): ConfigurationChange[] {
  const changes: ConfigurationChange[] = [];
  const ids = [...new Set([...before.map((s) => s.id), ...after.map((s) => s.id)])];
  for (const id of ids) {
    const a = new Map((before.find((s) => s.id === id)?.rows ?? []).map((r) => [r.key, r]));
    const b = new Map((after.find((s) => s.id === id)?.rows ?? []).map((r) => [r.key, r]));
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) =>
      x.localeCompare(y, 'en', { numeric: true }),
    );
    for (const key of keys) {
      const x = a.get(key);
      const y = b.get(key);
      const label = (y ?? x)?.label ?? key;
      const from = x?.value ?? channelDefault(key) ?? null;
      const to = y?.value ?? channelDefault(key) ?? null;
      if (from === to) continue;
      changes.push({
        section: id,
        key,
        label,
        change: from === null ? 'added' : to === null ? 'removed' : 'changed',
        before: from,
        after: to,
      });
    }
  }
  return changes;
}

const summaryOf = (c: ConfigurationChange): string =>
  c.change === 'added'
    ? `${c.label}: added (${c.after ?? ''})`
    : c.change === 'removed'
      ? `${c.label}: removed (was ${c.before ?? ''})`
      : `${c.label}: ${c.before ?? ''} → ${c.after ?? ''}`;

/** Compares two configurations: row by row when both are projects, else line by line. */
export function compareConfigurations(before: Uint8Array, after: Uint8Array): ComparedConfigurations {
  const a = readConfiguration(before);
  const b = readConfiguration(after);
  if (a.format === 'structured' && b.format === 'structured') {
    const changes = compareSections(a.sections, b.sections);
    return { format: 'structured', changes, lines: [], summary: changes.map(summaryOf) };
  }
  const textOf = (r: ReadConfiguration) =>
    r.format === 'text'
      ? r.text
      : r.sections.flatMap((s) => s.rows.map((x) => `${x.label}: ${x.value}`)).join('\n');
  const lines: ComparedConfigurations['lines'] = [];
  const summary: string[] = [];
  for (const part of diffLines(textOf(a), textOf(b))) {
    const op = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) {
      lines.push({ op, text });
      if (op !== ' ') summary.push(`${op} ${text}`);
    }
  }
  return { format: 'text', changes: [], lines, summary };
}
