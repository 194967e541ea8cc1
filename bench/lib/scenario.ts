import type { Summary } from './stats.ts';

export type Figure = number | Summary | Record<string, number | Summary>;

/** A target from design.md, compared with what was measured. */
export interface TargetCheck {
  name: string;
  target: string;
  measured: number;
  unit: string;
  met: boolean;
}

export interface ScenarioResult {
  /** What was run: sizes, durations, concurrency. */
  config: Record<string, unknown>;
  /** Absolute figures (depend on machine speed). */
  figures: Record<string, Figure>;
  /** The same-run baseline the figures are compared with. */
  baseline: { description: string; figures: Record<string, Figure> };
  /** figure / baseline, so results from different machines compare. */
  ratios: Record<string, number>;
  targets: TargetCheck[];
  /** Observations lost or miscounted; any non-zero value fails the run. */
  lost: number;
  /** Evidence behind the figures (e.g. query plans of a missed target), written to the result file only. */
  details?: Record<string, unknown>;
  /** Short rows for the printed table: [label, value]. */
  table: [string, string][];
}

export interface ScenarioContext {
  quick: boolean;
  log: (line: string) => void;
}

export interface Scenario {
  name: string;
  description: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
