import type { Scenario } from '../lib/scenario.ts';
import { apiScenario } from './api.ts';

/** Every scenario, in the order `npm run bench` runs them. */
export const scenarios: Scenario[] = [apiScenario];
