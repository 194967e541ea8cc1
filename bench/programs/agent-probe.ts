// The agent under test in its own process, so its CPU and RSS are its own:
// `node --import tsx bench/programs/agent-probe.ts --subnets LIST --expect N [--mic-port P] …`.
// Starts the agent with its default session timings, sweeps the subnets once, and writes one JSON
// line per status change of a directly reachable device (peripherals ride on their host's session):
//   {"t":"change","key":"127.90.1.10:2323","id":…,"status":"Down","previous":"Healthy","at":…}
// `at` is the agent's own observation time. Prints `agent-probe ready {…}` once N devices have a
// session up (their last status is neither Down nor Login Failed); with `--expect 0` (no subnets)
// at once — the idle agent. With `--hub-url URL --hub-login L --hub-password P [--hub-ca FILE]` it then connects
// to that hub (the agent's real link, default timings) and writes
//   {"t":"inventory","devices":N,"jsonBytes":…,"deflateRawBytes":…}   (the frame it is about to send)
//   {"t":"link","state":"connected",…}                                  (every link state change)
// Stops on SIGTERM.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import pino from 'pino';
import {
  connectAgentToHub,
  loadAgentConfig,
  loadHubTrust,
  startAgent,
  toLinkDevice,
  type HubLink,
} from '@crosspoint/agent';

const { values } = parseArgs({
  options: {
    subnets: { type: 'string' },
    expect: { type: 'string', default: '0' },
    'ftp-port': { type: 'string' },
    'mic-port': { type: 'string' },
    'video-port': { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    'hub-url': { type: 'string' },
    'hub-login': { type: 'string' },
    'hub-password': { type: 'string' },
    /** A wss:// hub's CA certificate (PEM file), as the agent's --hub-ca. */
    'hub-ca': { type: 'string' },
    /** Keep the agent's store here (and keep it on exit): a second probe on it is the same agent restarted. */
    'data-dir': { type: 'string' },
  },
});
const expect = Number(values.expect);
const dataDir = values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'cp-bench-agent-')));
const config = loadAgentConfig(
  {
    dataDir,
    subnets: values.subnets,
    serverName: 'bench',
    ftpPort: values['ftp-port'],
    micPort: values['mic-port'],
    videoPort: values['video-port'],
    // One sweep at start; a scheduled re-sweep (every 300 s by default) would fall outside any window anyway.
    discoveryIntervalS: '0',
    logLevel: values['log-level'],
  },
  {},
);
const startedAt = Date.now();
const agent = await startAgent(config, { discoverOnStart: false });
const write = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const notUp = new Set(['Down', 'Login Failed']);
const statusOf = new Map<string, string>();
let up = 0;
let ready = false;
let link: HubLink | undefined;
/** Once every session is up: the agent's link to the hub, if one was given. */
const linkToHub = async (hubUrl: string) => {
  const devices = agent.inventory().map(toLinkDevice);
  const frame = JSON.stringify({ type: 'inventory', seq: 0, devices });
  write({
    t: 'inventory',
    devices: devices.length,
    jsonBytes: Buffer.byteLength(frame),
    deflateRawBytes: deflateRawSync(frame).length,
  });
  link = await connectAgentToHub(
    agent,
    { hubUrl, login: values['hub-login'] ?? '', password: values['hub-password'] ?? '' },
    {
      dataDir,
      agentVersion: 'bench',
      subnets: { enabled: 1, total: 1 },
      logger: pino({ level: values['log-level'] }),
      trust: await loadHubTrust(values['hub-ca']),
      onState: (s) => write({ t: 'link', ...s, at: Date.now() }),
    },
  );
};
const announce = () => {
  if (ready || up < expect) return;
  ready = true;
  clearInterval(progress);
  console.log(
    `agent-probe ready ${JSON.stringify({ up, sessions: agent.sessionCount(), ms: Date.now() - startedAt })}`,
  );
  const hubUrl = values['hub-url'];
  if (hubUrl !== undefined) {
    linkToHub(hubUrl).catch((e: unknown) => {
      console.error(`agent-probe: linking to the hub failed: ${(e as Error).message}`);
    });
  }
};

agent.onChange((change) => {
  const device = agent.device(change.deviceId);
  if (!device || device.parentId !== undefined) return;
  const key = `${device.host}:${device.port}`;
  const was = statusOf.get(key);
  const wasUp = was !== undefined && !notUp.has(was);
  const isUp = !notUp.has(change.status);
  if (wasUp !== isUp) up += isUp ? 1 : -1;
  statusOf.set(key, change.status);
  write({
    t: 'change',
    key,
    id: change.deviceId,
    status: change.status,
    previous: change.previous ?? null,
    at: change.at,
  });
  announce();
});
const progress = setInterval(() => {
  write({ t: 'progress', sessions: agent.sessionCount(), up, ms: Date.now() - startedAt });
}, 2000);

if (values.subnets !== undefined) {
  void agent.rediscover().then(
    (report) => {
      const sum = (f: (s: (typeof report.subnets)[number]) => number) =>
        report.subnets.reduce((n, s) => n + f(s), 0);
      write({
        t: 'discovered',
        ms: report.finishedAt - report.startedAt,
        found: report.found.length,
        candidates: sum((s) => s.candidates),
        loginFailed: sum((s) => s.loginFailed),
        errors: sum((s) => s.errors.length),
      });
    },
    (e: unknown) => {
      console.error(`agent-probe: discovery failed: ${(e as Error).message}`);
    },
  );
}
// The agent's clock is unref'd and an idle agent holds no socket: keep the process until SIGTERM.
const alive = setInterval(() => undefined, 2 ** 30);
announce();

process.on('SIGTERM', () => {
  clearInterval(progress);
  clearInterval(alive);
  void (link?.close() ?? Promise.resolve())
    .then(() => agent.close())
    .then(() => (values['data-dir'] ? undefined : rm(dataDir, { recursive: true, force: true })))
    .then(() => process.exit(0));
});
