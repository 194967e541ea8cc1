import { describe, expect, it } from 'vitest';
import {
  broadSearchCap,
  keysetCursor,
  likePattern,
  listQueries,
  recountQueries,
  summaryQueries,
} from './device-queries.ts';

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
  it('sorts a broad search’s matches on the device half before joining their state, as the hub does', () => {
    const [, page] = listQueries('org', { search: 'x', after: { value: 'v', id: 'id1' } }, 1001);
    expect(page?.text).toContain(
      `FROM (SELECT * FROM devices WHERE devices.org_id = $1 AND devices.search_text LIKE $2 AND lower(devices.name) >= $3 LIMIT ${String(broadSearchCap + 1)}) devices`,
    );
    expect(page?.text).toMatch(/\) c WHERE \(c\.k > \$3 OR \(c\.k = \$3 AND c\.id > \$4\)\)/);
    expect(page?.text).toMatch(
      /JOIN device_state ON device_state\.device_id = m\.id AND device_state\.org_id = \$1/,
    );
    // Sorted by status, or filtered on the state half, it walks the sort index as before.
    expect(listQueries('org', { search: 'x', sort: 'status' }, 1001)[1]?.text).not.toContain('matched');
    expect(listQueries('org', { search: 'x', group: 'down' }, 1001)[1]?.text).not.toContain('matched');
  });
  it('sends no count when the total is known, and filters the Down group on the effective status', () => {
    const queries = listQueries('org', { group: 'down', limit: 10, knownTotal: 3 });
    expect(queries).toHaveLength(1);
    expect(queries[0]?.text).toContain(
      `CASE WHEN device_state.overflowed THEN 'Overflowed' ELSE device_state.status END IN ('Down')`,
    );
    expect(queries[0]?.text).toMatch(/lower\(devices\.name\) AS k/);
  });
  it('reads a roll-up by rollup_org_id, narrows it to one organization on the state half, and names the page’s organizations', () => {
    const [count, page] = listQueries('support', { rollup: true, organizationId: 'client' });
    expect(count?.text).toBe(
      'SELECT count(*)::int AS n FROM device_state WHERE device_state.rollup_org_id = $1 AND device_state.org_id = $2',
    );
    expect(page?.values).toEqual(['support', 'client']);
    expect(page?.text).toContain('devices.rollup_org_id = $1 AND device_state.rollup_org_id = $1');
    expect(page?.text).toContain('JOIN organizations ON organizations.id = m.org_id');
    expect(listQueries('org', {})[0]?.text).toBe(
      'SELECT count(*)::int AS n FROM device_state WHERE device_state.org_id = $1',
    );
  });
  it('bounds the walk at the cursor inside the subquery, as the hub does (not in the unbounded what-if)', () => {
    const after = { value: 'milan 9-4 codec', id: 'id1' };
    const [hub] = listQueries('org', { sort: 'name', knownTotal: 10, after });
    const [unbounded] = listQueries('org', { sort: 'name', knownTotal: 10, after, unbounded: true });
    expect(unbounded?.text).not.toContain('lower(devices.name) >= $2');
    expect(hub?.text).toMatch(/lower\(devices\.name\) >= \$2 +\) m JOIN organizations/);
    expect(unbounded?.values).toEqual(hub?.values);
  });
});

describe(summaryQueries.name, () => {
  it('sums the kept counts, by rollup_org_id for a roll-up', () => {
    expect(summaryQueries('org').map((q) => q.values)).toEqual([['org'], ['org']]);
    expect(summaryQueries('org', true).every((q) => q.text.includes('WHERE rollup_org_id = $1'))).toBe(true);
    expect(summaryQueries('org').map((q) => /FROM (\w+)/.exec(q.text)?.[1])).toEqual([
      'device_status_counts',
      'device_model_counts',
    ]);
  });
});

describe(recountQueries.name, () => {
  it('is one pass over each half of the devices, by rollup_org_id for a roll-up', () => {
    expect(recountQueries('org').map((q) => q.values)).toEqual([['org'], ['org']]);
    expect(recountQueries('org', true).every((q) => q.text.includes('.rollup_org_id = $1'))).toBe(true);
    expect(recountQueries('org')[0]?.text).toContain('(device_state.org_id))');
  });
});

describe(keysetCursor.name, () => {
  it('is the hub’s cursor: [value, id, total] as base64url JSON', () => {
    const cursor = keysetCursor('lisbon 7-12 dsp1', 'id1', 100_000);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual([
      'lisbon 7-12 dsp1',
      'id1',
      100_000,
    ]);
    expect(cursor).not.toMatch(/[+/=]/);
  });
});
