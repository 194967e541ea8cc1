import { existsSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { closedPort } from './failing-peers.ts';
import { tempDir } from './temp-dir.ts';

// A NATS server of the test's own (Debian's nats-server, installed by .ci/run) on a spare loopback
// port, with JetStream in a temporary folder, that the test stops and starts again: the shared
// server on 4222 is never touched.

const natsServerPath = process.env.NATS_SERVER_PATH ?? '/usr/sbin/nats-server';

/**
 * Whether outage tests can run here: nats-server is installed. Without it they are skipped with a
 * printed reason — unless CI=true, where it is a failure.
 */
export function natsServerAvailable(): boolean {
  if (existsSync(natsServerPath)) return true;
  const reason = `NATS outage suites: no nats-server at ${natsServerPath} (apt-get install nats-server, or set NATS_SERVER_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it.`);
  console.warn(`SKIPPED ${reason} (set CI=true to make this a failure).`);
  return false;
}

export interface OwnNatsServer {
  /** nats://127.0.0.1:<port>, the same across restarts. */
  url: string;
  /** Stops the server (SIGTERM) and waits until it exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

export async function startOwnNatsServer(): Promise<OwnNatsServer> {
  const port = await closedPort();
  const dir = await tempDir('cp-nats');
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    const proc = spawn(natsServerPath, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir.path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = proc;
    proc.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    for (let i = 0; i < 200; i++) {
      if (proc.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
      if (await accepting(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nats-server did not accept connections on ${String(port)}: ${log}`);
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `nats://127.0.0.1:${String(port)}`,
    stop,
    start,
    close: async () => {
      await stop();
      await dir.remove();
    },
  };
}
