import type { SimLogger } from './logger.ts';
import type { Random } from './prng.ts';
import type { SimTiming } from './timing.ts';

/** What every simulated device shares: timing, randomness, logging and the site's ports. */
export interface SimContext {
  readonly timing: SimTiming;
  readonly rnd: Random;
  readonly logger: SimLogger;
  readonly telnetPort: number;
  readonly ftpPort: number;
  readonly micPort: number;
  readonly videoPort: number;
}
