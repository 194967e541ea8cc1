// Builds the agent as one compiled JavaScript file, run with plain `node` (no tsx loader):
//   node scripts/build-agent.mjs            → packages/agent/dist/agent.mjs  (`crosspoint agent`, same flags)
//   node scripts/build-agent.mjs --probe    → also bench/dist/agent-probe.mjs (the benchmark's agent)
//   node scripts/build-agent.mjs --out-dir D --version V → D/agent.mjs as version V (tests)
// Next to agent.mjs it writes agent.json (version, bytes, SHA-256, built at): what the hub's
// Downloads route offers (docs/agent-install.md).
// esbuild (already installed: tsx's own dependency) bundles our TypeScript workspaces and the npm
// dependencies into a single ES module in about a second; nothing is type-checked here
// (`npm run typecheck` does that). Node built-ins stay external.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The product: the CLI's own `agent` command, without the hub, as `node agent.mjs [agent flags]`. */
const agentMain = `
import { Command } from 'commander';
import { registerAgentCommand } from './packages/cli/src/commands/agent.command.ts';
import { consoleOutput } from './packages/cli/src/lifecycle.ts';

const program = new Command('crosspoint-agent').enablePositionalOptions().exitOverride();
registerAgentCommand(program, consoleOutput);
try {
  await program.parseAsync(['agent', ...process.argv.slice(2)], { from: 'user' });
} catch (e) {
  if (e?.code?.startsWith?.('commander.')) process.exit(e.exitCode);
  consoleOutput.err(\`crosspoint agent: \${e instanceof Error ? e.message : String(e)}\`);
  process.exit(1);
}
`;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  absWorkingDir: root,
  logLevel: 'warning',
  legalComments: 'none',
  // No comments or indentation: V8 keeps the whole source in memory, and a comment with one
  // non-ASCII character (›, →) makes all of it two bytes a character (2 MB instead of 0.7 MB).
  // Identifiers stay, so stack traces keep their names; the source map gives the lines back
  // (`node --enable-source-maps`).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // CommonJS dependencies (pino, ws, basic-ftp) call require() on Node built-ins.
  banner: {
    js: "import { createRequire as __cpCreateRequire } from 'node:module'; const require = __cpCreateRequire(import.meta.url);",
  },
};

/** The agent's version: its package's, unless a build says otherwise (tests build "newer" ones). */
const packageVersion = () =>
  JSON.parse(readFileSync(join(root, 'packages/agent/package.json'), 'utf8')).version;

/**
 * Builds the agent (and with `probe`, the bench's agent-probe); resolves to the files written.
 * `outDir` (default packages/agent/dist) and `version` (default the agent package's) are for tests.
 */
export async function buildAgent({
  probe = false,
  outDir = 'packages/agent/dist',
  version = packageVersion(),
} = {}) {
  const outputs = [join(outDir, 'agent.mjs')];
  await build({
    ...common,
    stdin: { contents: agentMain, resolveDir: root, sourcefile: 'agent-main.ts', loader: 'ts' },
    outfile: outputs[0],
    define: { __CROSSPOINT_AGENT_VERSION__: JSON.stringify(version) },
  });
  const bytes = readFileSync(resolve(root, outputs[0]));
  const manifest = {
    file: 'agent.mjs',
    version,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    builtAt: new Date().toISOString(),
  };
  writeFileSync(resolve(root, outDir, 'agent.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  outputs.push(join(outDir, 'agent.json'));
  if (probe) {
    const probeFile = 'bench/dist/agent-probe.mjs';
    outputs.push(probeFile);
    await build({ ...common, entryPoints: ['bench/programs/agent-probe.ts'], outfile: probeFile });
  }
  return outputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      probe: { type: 'boolean', default: false },
      'out-dir': { type: 'string' },
      version: { type: 'string' },
    },
  });
  const started = Date.now();
  const files = await buildAgent({
    probe: values.probe,
    ...(values['out-dir'] ? { outDir: values['out-dir'] } : {}),
    ...(values.version ? { version: values.version } : {}),
  });
  console.log(`built ${files.join(', ')} in ${Date.now() - started} ms`);
}
