// Type-checks every package with its own tsconfig (server packages have no DOM, web has no node types).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const projects = readdirSync('packages')
  .flatMap((p) => ['tsconfig.json', 'tsconfig.test.json'].map((f) => `packages/${p}/${f}`))
  .filter((f) => existsSync(f))
  .concat('tsconfig.json');
let failed = 0;
for (const project of projects) {
  const r = spawnSync('node_modules/.bin/tsc', ['-p', project], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`typecheck: ${projects.length - failed} of ${projects.length} projects clean`);
process.exit(failed ? 1 : 0);
