// `npm run bench [-- [--quick] [--list] [SCENARIO…]]`: runs benchmark scenarios one after another,
// writes bench/results/SCENARIO.json and prints a short table for each. Exits non-zero only when a
// scenario crashes or loses data — never because the machine is slow.
import { mkdir, writeFile } from 'node:fs/promises';
import { watchHubs } from './lib/hub-usage.ts';
import { machineInfo } from './lib/machine.ts';
import { thinPercentiles } from './lib/sample-size.ts';
import { round } from './lib/stats.ts';
import { scenarios } from './scenarios/index.ts';
import type { ScenarioResult } from './lib/scenario.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const unknownFlags = args.filter((a) => a.startsWith('-') && a !== '--quick' && a !== '--list');
const names = args.filter((a) => !a.startsWith('-'));
const known = new Set(scenarios.map((s) => s.name));

if (args.includes('--list')) {
  for (const s of scenarios) console.log(`${s.name.padEnd(14)} ${s.description}`);
  process.exit(0);
}
const unknown = names.filter((n) => !known.has(n));
if (unknownFlags.length || unknown.length) {
  console.error(
    `bench: unknown ${[...unknownFlags, ...unknown].join(', ')}. Scenarios: ${[...known].join(', ')}; flags: --quick, --list.`,
  );
  process.exit(2);
}
const selected = names.length ? scenarios.filter((s) => names.includes(s.name)) : scenarios;

await mkdir('bench/results', { recursive: true });
const failures: string[] = [];
for (const scenario of selected) {
  console.log(`\n== ${scenario.name}${quick ? ' (quick)' : ''}: ${scenario.description}`);
  const started = new Date();
  const machine = machineInfo();
  let result: ScenarioResult;
  const hubs = watchHubs();
  try {
    result = await scenario.run({ quick, log: (line) => console.log(`   ${line}`) });
  } catch (e) {
    await hubs.stop();
    console.error(`   CRASHED: ${(e as Error).stack ?? String(e)}`);
    failures.push(`${scenario.name} crashed`);
    continue;
  }
  const hubUsage = await hubs.stop();
  const durationSeconds = (Date.now() - started.getTime()) / 1000;
  const file = `bench/results/${scenario.name}${quick ? '.quick' : ''}.json`;
  // A p99 from fewer than 200 samples is little more than the largest: named, so no one reads it as a tail.
  const fewSamples = thinPercentiles(result.figures);
  await writeFile(
    file,
    `${JSON.stringify({ scenario: scenario.name, quick, startedAt: started.toISOString(), durationSeconds, machine, ...result, hubUsage, p99FromFewSamples: fewSamples }, null, 2)}\n`,
  );
  const rows: [string, string][] = [...result.table];
  for (const h of hubUsage) {
    rows.push([
      `hub ${h.pid} (${round(h.seconds)} s)`,
      `RSS ${round(h.rssMiB.p50)} MiB median, ${round(h.rssMiB.max)} MiB peak; CPU ${round(h.cpuPercentOfOneCore)} % of a core`,
    ]);
  }
  if (fewSamples.length) rows.push(['p99 from < 200 samples', fewSamples.join(', ')]);
  const width = Math.max(...rows.map(([label]) => label.length), 10);
  for (const [label, value] of rows) console.log(`   ${label.padEnd(width)}  ${value}`);
  for (const t of result.targets) {
    console.log(
      `   target ${t.name}: ${t.target}, measured ${t.measured} ${t.unit} → ${t.met ? 'met' : 'NOT met'}`,
    );
  }
  if (result.lost > 0) failures.push(`${scenario.name} lost ${result.lost}`);
  console.log(`   → ${file} (${durationSeconds.toFixed(1)} s)`);
}
if (failures.length) {
  console.error(`\nbench: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`\nbench: ${selected.length} scenario(s) done`);
