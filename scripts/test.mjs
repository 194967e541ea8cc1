// `npm test`: formatting → typecheck → lint → build the web app → every vitest lane, then one summary line:
//   tests: N passed, N failed, N skipped
// Exits non-zero if any step or test fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const step = (title, cmd, args) => {
  const started = Date.now();
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(
    `== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return r.status === 0;
};

const extra = process.argv.slice(2);
const failures = [];
if (extra.length === 0) {
  if (!step('formatting (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']))
    failures.push('formatting');
  if (!step('typecheck', process.execPath, ['scripts/typecheck.mjs'])) failures.push('typecheck');
  if (!step('lint', bin('eslint'), ['--max-warnings', '0', '.'])) failures.push('lint');
}
if (
  !step('build web app', bin('vite'), [
    'build',
    '--config',
    'packages/web/vite.config.ts',
    '--logLevel',
    'warn',
  ])
)
  failures.push('build');

const dir = mkdtempSync(join(tmpdir(), 'cp-vitest-'));
const report = join(dir, 'report.json');
const testsOk = step('tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  counts = {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
  if (r.numFailedTestSuites > 0 && counts.failed === 0) counts.failed = r.numFailedTestSuites;
} catch {
  if (!testsOk) counts.failed = Math.max(1, counts.failed);
}
rmSync(dir, { recursive: true, force: true });
if (!testsOk) failures.push('tests');

if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
