// Builds the agent as one compiled JavaScript file, run with plain `node` (no tsx loader):
//   node scripts/build-agent.mjs            → packages/agent/dist/agent.mjs  (`crosspoint agent`, same flags)
//   node scripts/build-agent.mjs --probe    → also bench/dist/agent-probe.mjs (the benchmark's agent)
//   node scripts/build-agent.mjs --out-dir D --version V → D/agent.mjs as version V (tests)
//   node scripts/build-agent.mjs --signing-key K.pem → also agent.mjs.sig (Ed25519), and the build trusts K's
//                                  public key for its own updates (env CROSSPOINT_AGENT_SIGNING_KEY)
//   node scripts/build-agent.mjs --new-signing-key K.pem → writes a new release key pair (K.pem, K.pub.pem)
//   node scripts/build-agent.mjs --executable → also agent-linux-x64, one executable with Node inside
//                                  (build-agent-executable.mjs; signed too with --signing-key)
// Next to agent.mjs it writes agent.json (version, bytes, SHA-256, built at): what the hub's
// Downloads route offers (docs/agent-install.md).
// esbuild (already installed: tsx's own dependency) bundles our TypeScript workspaces and the npm
// dependencies into a single ES module in about a second; nothing is type-checked here
// (`npm run typecheck` does that). Node built-ins stay external.
import { build } from 'esbuild';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildExecutable, executableName, executableSupported } from './build-agent-executable.mjs';

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
  signingKey = undefined,
  executable = false,
} = {}) {
  const outputs = [join(outDir, 'agent.mjs')];
  // The release key: the build trusts its public half for its own updates and is signed with it.
  const privateKey = signingKey ? createPrivateKey(readFileSync(resolve(root, signingKey))) : undefined;
  if (privateKey && privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`${signingKey}: not an Ed25519 private key`);
  const publicKey = privateKey
    ? createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
    : '';
  await build({
    ...common,
    stdin: { contents: agentMain, resolveDir: root, sourcefile: 'agent-main.ts', loader: 'ts' },
    outfile: outputs[0],
    define: {
      __CROSSPOINT_AGENT_VERSION__: JSON.stringify(version),
      __CROSSPOINT_RELEASE_PUBLIC_KEY__: JSON.stringify(publicKey),
    },
  });
  const bytes = readFileSync(resolve(root, outputs[0]));
  /** Writes `<file>.sig` beside a file (or removes a stale one when the build is not signed). */
  const signBeside = (file, content) => {
    const signatureFile = resolve(root, outDir, `${file}.sig`);
    if (privateKey) {
      writeFileSync(signatureFile, `${sign(null, content, privateKey).toString('base64')}\n`);
      outputs.push(join(outDir, `${file}.sig`));
    } else rmSync(signatureFile, { force: true });
  };
  signBeside('agent.mjs', bytes);
  let executableInfo;
  if (executable) {
    if (!executableSupported())
      throw new Error('--executable: Node single executables are built on Linux x64 only');
    const exe = await buildExecutable({
      root,
      outDir,
      main: agentMain,
      define: {
        __CROSSPOINT_AGENT_VERSION__: JSON.stringify(version),
        __CROSSPOINT_RELEASE_PUBLIC_KEY__: JSON.stringify(publicKey),
      },
    });
    outputs.push(join(outDir, executableName));
    signBeside(executableName, exe);
    executableInfo = {
      file: executableName,
      bytes: exe.byteLength,
      sha256: createHash('sha256').update(exe).digest('hex'),
    };
  } else rmSync(resolve(root, outDir, executableName), { force: true });
  const manifest = {
    file: 'agent.mjs',
    version,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    builtAt: new Date().toISOString(),
    signed: Boolean(privateKey),
    ...(executableInfo ? { executable: executableInfo } : {}),
    ...(publicKey
      ? { releaseKeySha256: createHash('sha256').update(publicKey).digest('hex').slice(0, 16) }
      : {}),
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

/** A new Ed25519 release key pair: `file` (PKCS#8 PEM, mode 0600) and `<file without .pem>.pub.pem`. */
export function newSigningKey(file) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicFile = `${file.replace(/\.pem$/, '')}.pub.pem`;
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return [file, publicFile];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      probe: { type: 'boolean', default: false },
      'out-dir': { type: 'string' },
      version: { type: 'string' },
      'signing-key': { type: 'string' },
      'new-signing-key': { type: 'string' },
      executable: { type: 'boolean', default: false },
    },
  });
  if (values['new-signing-key']) {
    const files = newSigningKey(values['new-signing-key']);
    console.log(`wrote ${files.join(' and ')}: keep the private key offline; build with --signing-key`);
    process.exit(0);
  }
  const started = Date.now();
  const signingKey = values['signing-key'] ?? process.env.CROSSPOINT_AGENT_SIGNING_KEY;
  const files = await buildAgent({
    probe: values.probe,
    ...(values['out-dir'] ? { outDir: values['out-dir'] } : {}),
    ...(values.version ? { version: values.version } : {}),
    ...(signingKey ? { signingKey } : {}),
    executable: values.executable,
  });
  console.log(`built ${files.join(', ')} in ${Date.now() - started} ms`);
}
