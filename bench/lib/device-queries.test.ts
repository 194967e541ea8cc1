import { describe, expect, it } from 'vitest';
import { likePattern, listQueries, summaryQueries } from './device-queries.ts';

describe(likePattern.name, () => {
  it('lowercases, turns control characters into spaces and escapes LIKE wildcards as the hub does', () => {
    expect(likePattern(' 50%_A\\b\n')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe(listQueries.name, () => {
  it('caps the count of a search and numbers parameters in order', () => {
    const [count, page] = listQueries('org', {
      search: 'x',
      sort: 'status',
      order: 'desc',
      after: { value: 'Down', id: 'id1' },
    });
    expect(count?.values).toEqual(['org', '%x%']);
    expect(count?.text).toMatch(
      /^SELECT count\(\*\)::int AS n FROM \(SELECT 1 FROM devices .*search_text LIKE \$2 LIMIT 1001\) m$/,
    );
    expect(page?.values).toEqual(['org', '%x%', 'Down', 'id1']);
    expect(page?.text).toMatch(/m\.k < \$3 OR \(m\.k = \$3 AND m\.id < \$4\)/);
    expect(page?.text).toMatch(/ORDER BY m\.k DESC, m\.id DESC LIMIT 51$/);
  });
  it('selects a small search’s matches first, and only when the count allows it', () => {
    const small = listQueries('org', { search: 'x' }, 40);
    const broad = listQueries('org', { search: 'x' }, 1001);
    expect(small[1]?.text).toMatch(/LIKE \$2 LIMIT 1001\) m/);
    expect(broad[1]?.text).not.toMatch(/LIKE \$2 LIMIT 1001\) m/);
  });
  it('sends no count when the total is known, and filters the Down group on the effective status', () => {
    const queries = listQueries('org', { group: 'down', limit: 10, knownTotal: 3 });
    expect(queries).toHaveLength(1);
    expect(queries[0]?.text).toContain(
      `CASE WHEN device_state.overflowed THEN 'Overflowed' ELSE device_state.status END = 'Down'`,
    );
    expect(queries[0]?.text).toMatch(/lower\(devices\.name\) AS k/);
  });
});

describe(summaryQueries.name, () => {
  it('is one pass over each half of the devices', () => {
    expect(summaryQueries('org').map((q) => q.values)).toEqual([['org'], ['org']]);
  });
});
