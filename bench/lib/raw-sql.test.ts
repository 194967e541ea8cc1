import { describe, expect, it } from 'vitest';
import { readPlan } from './raw-sql.ts';

describe(readPlan.name, () => {
  it('finds the execution time and the indexes read, in plan order, each once', () => {
    const plan = [
      'Limit  (cost=0.84..120.11 rows=51 width=400) (actual time=0.1..2.3 rows=51 loops=1)',
      '  ->  Nested Loop  (cost=0.84..230000.00 rows=100000 width=400)',
      '        ->  Index Scan using devices_rollup_name_idx on devices  (cost=0.42..9000.00 rows=100000 width=300)',
      '        ->  Index Scan using device_state_pkey on device_state  (cost=0.42..0.50 rows=1 width=60)',
      '        ->  Index Only Scan Backward using device_state_rollup_effective_idx on device_state s',
      '              ->  Bitmap Index Scan on devices_search_trgm_idx  (cost=0.00..100.00 rows=50 width=0)',
      '        ->  Index Scan using device_state_pkey on device_state  (cost=0.42..0.50 rows=1 width=60)',
      'Planning Time: 0.512 ms',
      'Execution Time: 2.345 ms',
    ];
    expect(readPlan(plan)).toEqual({
      executionMs: 2.345,
      indexes: [
        'devices_rollup_name_idx',
        'device_state_pkey',
        'device_state_rollup_effective_idx',
        'devices_search_trgm_idx',
      ],
    });
  });
  it('says NaN when the plan has no execution time (EXPLAIN without ANALYZE)', () => {
    expect(readPlan(['Seq Scan on devices  (cost=0.00..10.00 rows=1 width=4)'])).toEqual({
      executionMs: Number.NaN,
      indexes: [],
    });
  });
});
