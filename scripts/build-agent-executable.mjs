// The agent as one executable for Linux x64 (Node's single executable applications, "SEA"):
// the same agent, bundled as CommonJS (SEA in Node 20 runs CommonJS only), turned into a blob by
// `node --experimental-sea-config` and injected with postject into a copy of the node binary that
// runs this script. No Node.js to install on the server; about 100 MB. Called by build-agent.mjs
// with --executable; docs/agent-install.md.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { inject } from 'postject';

/** CommonJS has no top-level await: the imports stay on top, the rest runs in an async function. */
const wrapped = (main) => {
  const lines = main.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  return `${imports.join('\n')}\n(async () => {\n${body.join('\n')}\n})();\n`;
};

/** The file name beside agent.mjs, and the name people download it as. */
export const executableName = 'agent-linux-x64';

/** Where SEA works and we offer it: Linux on x64 (the platform this script runs on must be it). */
export const executableSupported = () => process.platform === 'linux' && process.arch === 'x64';

/**
 * Builds `<outDir>/agent-linux-x64`. `main` is the agent's entry (TypeScript, may use top-level
 * await: it is wrapped), `define` the build's constants. Resolves to the file's bytes.
 */
export async function buildExecutable({ root, outDir, main, define }) {
  const work = mkdtempSync(join(tmpdir(), 'cp-agent-sea-'));
  try {
    const bundle = join(work, 'agent.cjs');
    await build({
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      absWorkingDir: root,
      logLevel: 'error',
      legalComments: 'none',
      minifyWhitespace: true,
      minifySyntax: true,
      stdin: {
        contents: wrapped(main),
        resolveDir: root,
        sourcefile: 'agent-executable-main.ts',
        loader: 'ts',
      },
      outfile: bundle,
      define: { ...define, __CROSSPOINT_AGENT_FLAVOR__: JSON.stringify('linux-x64') },
      // ws looks for optional native add-ons with require(); in an executable require() loads only
      // Node's built-ins and warns for anything else: tell ws not to look.
      banner: { js: "process.env.WS_NO_BUFFER_UTIL ??= '1'; process.env.WS_NO_UTF_8_VALIDATE ??= '1';" },
    });
    const blob = join(work, 'agent.blob');
    const config = join(work, 'sea-config.json');
    writeFileSync(
      config,
      JSON.stringify({
        main: bundle,
        output: blob,
        disableExperimentalSEAWarning: true,
        useCodeCache: false,
      }),
    );
    execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'pipe' });
    const target = resolve(root, outDir, executableName);
    const partial = `${target}.tmp`;
    copyFileSync(process.execPath, partial);
    chmodSync(partial, 0o755);
    await inject(partial, 'NODE_SEA_BLOB', readFileSync(blob), {
      sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    });
    execFileSync('mv', ['-f', partial, target]);
    return readFileSync(target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
