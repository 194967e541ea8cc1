import { describe, expect, it } from 'vitest';
import { likePattern, listQueries, summaryQueries } from './device-queries.ts';

describe(likePattern.name, () => {
  it('escapes LIKE wildcards as the hub does', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe(listQueries.name, () => {
  it('counts and pages with the same filters, numbering parameters in order', () => {
    const { count, page } = listQueries('org', {
      search: 'x',
      sort: 'status',
      order: 'desc',
      after: { value: 'Down', id: 'id1' },
    });
    expect(count.values).toEqual(['org', '%x%']);
    expect(count.text).toContain('ILIKE $2');
    expect(count.text).not.toContain('$3');
    expect(page.values).toEqual(['org', '%x%', 'Down', 'id1']);
    expect(page.text).toMatch(/< \$3 OR .* = \$3 AND d\.id < \$4/);
    expect(page.text).toMatch(/ORDER BY CASE .* END DESC, d\.id DESC LIMIT 51$/);
  });
  it('filters the Down group on the effective status and sorts by name by default', () => {
    const { page } = listQueries('org', { group: 'down', limit: 10 });
    expect(page.text).toContain(`(CASE WHEN d.overflowed THEN 'Overflowed' ELSE d.status END) = 'Down'`);
    expect(page.text).toMatch(/ORDER BY lower\(d\.name\) ASC, d\.id ASC LIMIT 11$/);
  });
});

describe('what-if shapes', () => {
  it('caps the count and filters before sorting, with the same parameters', () => {
    const plain = listQueries('org', { search: 'x' });
    const whatIf = listQueries('org', { search: 'x', countCap: 5001, filterFirst: true });
    expect(whatIf.count.text).toMatch(
      /^SELECT count\(\*\)::int AS n FROM \(SELECT 1 FROM devices d .* LIMIT 5001\) capped$/,
    );
    expect(whatIf.page.text).toMatch(
      /^WITH d AS MATERIALIZED \(SELECT \* FROM devices d WHERE d\.org_id = \$1 AND .*ILIKE \$2.*\) SELECT d\.\*/,
    );
    expect(whatIf.page.values).toEqual(plain.page.values);
  });
});

describe(summaryQueries.name, () => {
  it('is three statements over the organization', () => {
    expect(summaryQueries('org').map((q) => q.values)).toEqual([['org'], ['org'], ['org']]);
  });
});
