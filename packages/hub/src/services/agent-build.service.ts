import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentDownload } from '@crosspoint/protocol';
import { requirePermission, type OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/** Where `npm run build:agent` puts the agent: packages/agent/dist, beside the web app's packages/web/dist. */
export const defaultAgentFile = fileURLToPath(new URL('../../../agent/dist/agent.mjs', import.meta.url));
/** The name the agent is saved as. */
export const agentFileName = 'crosspoint-agent.mjs';
/** The oldest Node.js the agent runs on (the root package's engines). */
export const agentNodeVersion = '20.19';

/** The build the hub found: what it checked itself (size, SHA-256) and what the build says (version). */
export interface AgentBuild {
  path: string;
  bytes: number;
  sha256: string;
  /** From the build's agent.json, when its SHA-256 matches the file; null otherwise. */
  version: string | null;
  builtAt: Date;
  /** The detached Ed25519 signature next to the file (`<file>.sig`, base64), when there is one. */
  signature: string | null;
  /**
   * The same version as a single executable for Linux x64 (`agent-linux-x64` beside the file, built
   * with `--executable`), when the manifest vouches for it.
   */
  executable: { path: string; bytes: number; sha256: string; signature: string | null } | null;
}

/** The executable's file name beside agent.mjs, and the name people download it as. */
export const agentExecutableName = 'agent-linux-x64';
export const agentExecutableFileName = 'crosspoint-agent-linux-x64';

interface Manifest {
  version?: unknown;
  sha256?: unknown;
  executable?: { sha256?: unknown };
}

/** SHA-256 of a file read as a stream (the executable is about 100 MB). */
function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/**
 * The single-file agent the hub offers (scripts/build-agent.mjs writes it with an agent.json
 * beside it). Read from disk when asked and kept while the file's size and time stay the same, so
 * a new build is offered without restarting the hub. No file: "not built", never a failure to start.
 */
export class AgentBuildService {
  private cached: { key: string; build: AgentBuild } | undefined;

  constructor(private readonly file: string) {}

  /** The current build, or null when the hub has none. */
  async current(): Promise<AgentBuild | null> {
    const info = await stat(this.file).catch(() => null);
    if (!info?.isFile()) return null;
    const exePath = join(dirname(this.file), agentExecutableName);
    const exeInfo = await stat(exePath).catch(() => null);
    const key = `${String(info.size)}|${String(info.mtimeMs)}|${String(exeInfo?.size)}|${String(exeInfo?.mtimeMs)}`;
    if (this.cached?.key === key) return this.cached.build;
    const bytes = await readFile(this.file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const manifest = await readFile(join(dirname(this.file), 'agent.json'), 'utf8')
      .then((t) => JSON.parse(t) as Manifest)
      .catch((): Manifest => ({}));
    const signature = await readFile(`${this.file}.sig`, 'utf8')
      .then((t) => t.trim() || null)
      .catch(() => null);
    const version =
      manifest.sha256 === sha256 && typeof manifest.version === 'string' ? manifest.version : null;
    let executable: AgentBuild['executable'] = null;
    if (version !== null && exeInfo?.isFile()) {
      const exeSha = await sha256Of(exePath);
      if (manifest.executable?.sha256 === exeSha) {
        const exeSignature = await readFile(`${exePath}.sig`, 'utf8')
          .then((t) => t.trim() || null)
          .catch(() => null);
        executable = { path: exePath, bytes: exeInfo.size, sha256: exeSha, signature: exeSignature };
      }
    }
    const build: AgentBuild = {
      path: this.file,
      bytes: bytes.byteLength,
      sha256,
      version,
      builtAt: info.mtime,
      signature,
      executable,
    };
    this.cached = { key, build };
    return build;
  }

  /** What the link announces to agents: a build with a known version, with its signature when signed. */
  async announcement(): Promise<{
    version: string;
    sha256: string;
    bytes: number;
    signature?: string;
  } | null> {
    const build = await this.current().catch(() => null);
    if (!build?.version) return null;
    const exe = build.executable;
    return {
      version: build.version,
      sha256: build.sha256,
      bytes: build.bytes,
      ...(build.signature ? { signature: build.signature } : {}),
      ...(exe
        ? {
            executable: {
              sha256: exe.sha256,
              bytes: exe.bytes,
              ...(exe.signature ? { signature: exe.signature } : {}),
            },
          }
        : {}),
    };
  }

  /** The version of the current build (for "Update available" on Servers), or null. */
  async currentVersion(): Promise<string | null> {
    return (await this.current().catch(() => null))?.version ?? null;
  }

  /** What the Downloads screen shows. */
  async describe(ctx: OrgContext): Promise<AgentDownload> {
    mayDownload(ctx);
    const build = await this.current();
    return {
      available: build !== null,
      fileName: agentFileName,
      version: build?.version ?? null,
      bytes: build?.bytes ?? null,
      sha256: build?.sha256 ?? null,
      builtAt: build?.builtAt.toISOString() ?? null,
      signed: build?.signature != null,
      nodeVersion: agentNodeVersion,
      executable: build?.executable
        ? {
            fileName: agentExecutableFileName,
            bytes: build.executable.bytes,
            sha256: build.executable.sha256,
            signed: build.executable.signature !== null,
          }
        : null,
    };
  }

  /** The file to send: 404 with a clear message when the hub has no build. */
  async open(ctx: OrgContext): Promise<{ build: AgentBuild; stream: ReadStream }> {
    mayDownload(ctx);
    return this.openForAgent();
  }

  /** The single executable (Linux x64) to send: 404 when the hub has none. */
  async openExecutable(ctx: OrgContext): Promise<{ bytes: number; sha256: string; stream: ReadStream }> {
    mayDownload(ctx);
    return this.openExecutableForAgent();
  }

  async openExecutableForAgent(): Promise<{ bytes: number; sha256: string; stream: ReadStream }> {
    const exe = (await this.current())?.executable;
    if (!exe)
      throw new ServiceError(
        'NOT_FOUND',
        'The single-executable agent is not built on this hub: run `npm run build:agent -- --executable` (Linux x64) where the hub runs.',
        404,
      );
    return { bytes: exe.bytes, sha256: exe.sha256, stream: createReadStream(exe.path) };
  }

  /** The file an agent fetches to update itself (`/agent/v1/build`, signed in as its server account). */
  async openForAgent(): Promise<{ build: AgentBuild; stream: ReadStream }> {
    const build = await this.current();
    if (!build) {
      throw new ServiceError(
        'NOT_FOUND',
        'The agent is not built on this hub: run `npm run build:agent` where the hub runs (or set CROSSPOINT_AGENT_FILE).',
        404,
      );
    }
    return { build, stream: createReadStream(build.path) };
  }
}

/** People of organizations that have servers (not the platform's own) who may see server accounts. */
function mayDownload(ctx: OrgContext): void {
  requirePermission(ctx, 'servers.read');
  if (ctx.org.kind === 'platform') throw ServiceError.notFound('The agent download');
}
