// `npm start`: builds the web app only when it is missing or older than its sources (the web app,
// the protocol it imports, the build's own config, the lockfile), so a second start is immediate.
// The same for the single-file agent the hub offers on Downloads (packages/agent/dist/agent.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'packages/web/dist/index.html';
const sources = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/build-steps.ts',
  'packages/protocol/src',
  'package-lock.json',
];

/** The newest modification time under `path` (a file or a folder, recursively). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), s.mtimeMs);
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));
if (builtAt > changedAt) {
  console.log('web app up to date (packages/web/dist)');
} else {
  console.log(builtAt === 0 ? 'building the web app…' : 'the web app changed: building it…');
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'packages/web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const agentBuilt = 'packages/agent/dist/agent.mjs';
const agentSources = [
  'packages/agent/src',
  'packages/cli/src/commands/agent.command.ts',
  'packages/cli/src/commands/agent-service.command.ts',
  'packages/protocol/src',
  'scripts/build-agent.mjs',
  'package-lock.json',
];
const agentBuiltAt = existsSync(agentBuilt) ? statSync(agentBuilt).mtimeMs : 0;
if (agentBuiltAt > Math.max(...agentSources.map(newest))) {
  console.log('agent up to date (packages/agent/dist)');
} else {
  console.log(agentBuiltAt === 0 ? 'building the agent…' : 'the agent changed: building it…');
  const r = spawnSync(process.execPath, ['scripts/build-agent.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
