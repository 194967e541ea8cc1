/**
 * The agent as a systemd service (docs/agent-install.md): the unit file `install-service` writes.
 * A pure function of its settings, so `--print` shows exactly what would be installed and tests
 * check it (and `systemd-analyze verify` where that exists).
 */
export interface ServiceSettings {
  /** The unit's name without `.service`, also the system user's and group's. */
  name: string;
  /** Absolute path of `node` (20.19 or later), outside any home folder. */
  nodePath: string;
  /** Absolute path the agent file is installed to (the service may replace it: self-update). */
  agentFile: string;
  /** The agent's store: the only other place it writes. */
  dataDir: string;
  /** The folder of `agentFile`, writable by the service (an update swaps the file inside it). */
  installDir: string;
  /** Port of the agent's local web UI (on 127.0.0.1). */
  uiPort: number;
  /** The agent is the single executable (Node inside): the unit runs it directly, `nodePath` unused. */
  executable?: boolean;
}

export const defaultServiceSettings = {
  name: 'crosspoint-agent',
  dataDir: '/var/lib/crosspoint-agent',
  installDir: '/opt/crosspoint-agent',
  uiPort: 8090,
} as const;

/** Paths go into the unit as they are: no spaces, quotes, `%` specifiers or control characters. */
const safePath = /^\/[A-Za-z0-9._/+-]*$/;
const safeName = /^[a-z_][a-z0-9_-]{0,31}$/;

/** Why these settings cannot make a unit, or null. */
export function invalidServiceSettings(s: ServiceSettings): string | null {
  if (!safeName.test(s.name))
    return `The service name "${s.name}" must be a system user name: lower-case letters, digits, - and _.`;
  for (const [label, path] of [
    ['node', s.nodePath],
    ['agent file', s.agentFile],
    ['data folder', s.dataDir],
    ['install folder', s.installDir],
  ] as const) {
    if (!safePath.test(path) || path.split('/').includes('..'))
      return `The ${label} path "${path}" must be absolute, without spaces, quotes or "..".`;
  }
  if (!Number.isInteger(s.uiPort) || s.uiPort < 1 || s.uiPort > 65535)
    return `The web UI port ${String(s.uiPort)} is not a TCP port.`;
  return null;
}

/** The text of `/etc/systemd/system/<name>.service`. */
export function systemdUnit(s: ServiceSettings): string {
  const problem = invalidServiceSettings(s);
  if (problem) throw new Error(problem);
  return `# Written by \`crosspoint-agent install-service\`; removed by \`crosspoint-agent uninstall-service\`.
[Unit]
Description=Crosspoint agent (AV device monitoring, linked to a Crosspoint hub)
Documentation=https://github.com/crosspoint/crosspoint/blob/main/docs/agent-install.md
After=network-online.target
Wants=network-online.target
# Crash loops back off (RestartSec) instead of stopping for good.
StartLimitIntervalSec=0

[Service]
Type=simple
User=${s.name}
Group=${s.name}
WorkingDirectory=${s.dataDir}
Environment=NODE_ENV=production
Environment=CROSSPOINT_AGENT_DATA_DIR=${s.dataDir}
Environment=CROSSPOINT_AGENT_UI_HOST=127.0.0.1
Environment=CROSSPOINT_AGENT_UI_PORT=${String(s.uiPort)}
Environment=CROSSPOINT_AGENT_SUPERVISED=1
# Optional settings (CROSSPOINT_AGENT_SUBNETS, CROSSPOINT_HUB_URL …), one NAME=value a line.
EnvironmentFile=-/etc/${s.name}/agent.env
ExecStart=${s.executable ? s.agentFile : `${s.nodePath} --enable-source-maps ${s.agentFile}`}
Restart=on-failure
RestartSec=5s
TimeoutStopSec=30s
UMask=0077

# Hardening: everything read-only but the store and the agent's own folder (self-update).
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${s.dataDir} ${s.installDir}
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
# No MemoryDenyWriteExecute: V8's JIT compiler writes executable memory.
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
CapabilityBoundingSet=
AmbientCapabilities=
SystemCallArchitectures=native

[Install]
WantedBy=multi-user.target
`;
}
