import { spawn, type ChildProcess } from 'node:child_process';
import { until } from './hub-fixture.ts';
import { childEnv } from './config.ts';

/** The key every hub process of a test seals secrets with (hubs sharing a database need the same). */
export const hubProcessSecretKey = '5eed'.repeat(16);

/**
 * `crosspoint hub` as people run it, in a process of its own on PostgreSQL (and `extraArgs`, e.g.
 * `--nats-url`); resolves once it answers /readyz. Kill it with `kill('SIGKILL')` to see a hub die.
 */
export async function startHubProcess(
  databaseUrl: string,
  port: number,
  dataDir: string,
  extraArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'packages/cli/src/main.ts',
      'hub',
      '--database-url',
      databaseUrl,
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    {
      env: childEnv({ CROSSPOINT_SECRET_KEY: hubProcessSecretKey }),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  await until(
    'the hub process to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`the hub exited (${String(child.exitCode)}): ${stderr}`);
      return (await fetch(`http://127.0.0.1:${String(port)}/readyz`).catch(() => undefined))?.ok === true;
    },
    60_000,
  );
  return child;
}

/** Calls an organization's API on the hub at `baseUrl` with an API token; a non-2xx answer throws. */
export function orgApi(
  baseUrl: string,
  orgId: string,
  token: string,
): <T>(method: string, path: string, body?: unknown, type?: string) => Promise<T> {
  return async <T>(method: string, path: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${baseUrl}/api/v1/orgs/${orgId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined
        ? {}
        : { body: type === 'application/json' ? JSON.stringify(body) : new Uint8Array(body as Buffer) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${String(res.status)}: ${await res.text()}`);
    return (await res.json()) as T;
  };
}
