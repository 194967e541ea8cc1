import { fileURLToPath } from 'node:url';

/** Set by scripts/build-agent.mjs (esbuild `define`); absent when run from the sources. */
declare const __CROSSPOINT_AGENT_VERSION__: string | undefined;
/**
 * The release public key (Ed25519, SPKI PEM) built into this agent by `build-agent.mjs
 * --signing-key`: the only key whose signatures it accepts on a new build. Absent in an unsigned
 * build, which then installs nothing by itself.
 */
declare const __CROSSPOINT_RELEASE_PUBLIC_KEY__: string | undefined;

/** Set to `linux-x64` in the single-executable build (scripts/build-agent-executable.mjs). */
declare const __CROSSPOINT_AGENT_FLAVOR__: string | undefined;

/**
 * What this agent runs as: `mjs` (one JavaScript file run by node), `linux-x64` (a single
 * executable with Node inside) or `sources` (tsx, the repository).
 */
export type AgentFlavor = 'mjs' | 'linux-x64' | 'sources';
export const agentFlavor: AgentFlavor =
  typeof __CROSSPOINT_AGENT_FLAVOR__ === 'string' && __CROSSPOINT_AGENT_FLAVOR__ === 'linux-x64'
    ? 'linux-x64'
    : typeof __CROSSPOINT_AGENT_VERSION__ === 'string'
      ? 'mjs'
      : 'sources';

export const releasePublicKey: string | null =
  typeof __CROSSPOINT_RELEASE_PUBLIC_KEY__ === 'string' && __CROSSPOINT_RELEASE_PUBLIC_KEY__ !== ''
    ? __CROSSPOINT_RELEASE_PUBLIC_KEY__
    : null;

/**
 * The single file this agent runs from (`crosspoint-agent.mjs`, the bundle `import.meta.url` points
 * at; the executable itself), or null when it runs from the sources (no file of its own to replace).
 */
export function runningBuildFile(): string | null {
  if (agentFlavor === 'linux-x64') return process.execPath;
  return agentFlavor === 'mjs' ? fileURLToPath(import.meta.url) : null;
}

/** True under a supervisor that starts the agent again when it exits: systemd, or one that says so. */
export function isSupervised(config: {
  supervised: boolean;
  systemdInvocation?: string | undefined;
}): boolean {
  return config.supervised || Boolean(config.systemdInvocation);
}
