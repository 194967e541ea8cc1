// The hub under test in its own process (bench/programs/hub.ts), seeded and ready to take agents.
import { startChild, type ChildProgram } from './child-program.ts';

export interface HubProcess {
  child: ChildProgram;
  url: string;
  /** The demo client organization every agent account belongs to. */
  orgId: string;
  /** Agent logins (`name@org code`): the demo agent first, then the extra accounts. */
  logins: string[];
  password: string;
  /** API token (Monitor role) of the organization. */
  token: string;
  database: 'pglite' | 'postgres';
  /** With `clients`: the demo support organization and the clients the bench added under it. */
  support?: SupportTenants;
}

/** A support organization with many clients (`hub.ts --clients N`). */
export interface SupportTenants {
  orgId: string;
  /** API token (Monitor role) of the support organization: its lists are the roll-up of every client's. */
  token: string;
  /** API token (Monitor role) of the first client in `clients`. */
  clientToken: string;
  /** The clients, each with its agent login(s), in the order they were created. */
  clients: { id: string; logins: string[] }[];
}

export async function startHubProcess(
  database: { url: string } | { dataDir: string },
  options: {
    agents?: number;
    plan?: number;
    clients?: number;
    onSpawn?: (pid: number) => void;
    /** More arguments of bench/programs/hub.ts (e.g. `--tls-cert FILE --tls-key FILE`). */
    args?: string[];
  } = {},
): Promise<HubProcess> {
  const args = [
    ...('url' in database ? ['--database-url', database.url] : ['--data-dir', database.dataDir]),
    '--agents',
    String(options.agents ?? 0),
    '--plan',
    String(options.plan ?? 1_000_000),
    ...(options.clients ? ['--clients', String(options.clients)] : []),
    ...(options.args ?? []),
  ];
  const child = await startChild('bench/programs/hub.ts', args, /hub ready (\{.*\})$/, {
    // Seeding a client (organization, owner, agent account) takes a fraction of a second.
    timeoutMs: 120_000 + (options.clients ?? 0) * 1_000,
    ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
  });
  return { child, ...(JSON.parse(child.ready) as Omit<HubProcess, 'child'>) };
}

/** GET an API path of the hub with the bench's token (or `token`); throws unless 200. */
export async function apiGet<T>(hub: HubProcess, path: string, token = hub.token): Promise<T> {
  const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** How many devices the hub lists for its organization. */
export async function hubDeviceTotal(hub: HubProcess): Promise<number> {
  return (await apiGet<{ total: number }>(hub, `/api/v1/orgs/${hub.orgId}/devices?limit=1`)).total;
}
