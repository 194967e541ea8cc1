// The hub under test in its own process, so its CPU and RSS are its own:
// `node --import tsx bench/programs/hub.ts (--database-url URL | --data-dir DIR) [--agents N] [--plan N]
//   [--clients N] [--smtp-url URL] [--public-url URL] [--admin-token] [--port P] [--resume]
//   [--tls-cert FILE --tls-key FILE]`. With `--resume` it only starts the hub
// on a database an earlier run seeded (a hub restarted; `--port` keeps its URL) and prints `hub ready {url}`.
// Starts the hub on 127.0.0.1 (port chosen by the system), seeds the demo tenants, gives the demo
// client a service plan of `--plan` devices (the demo's 100 would mark every device past the
// hundredth "Overflowed"), creates `--agents` extra agent server accounts, and an API token (Monitor
// role) for reading. `--smtp-url` sends the hub's mail (alerts) to that server; `--admin-token` also
// creates an Administrator token (`adminToken`: alert rules). `--clients N` adds N client
// organizations under the demo support organization (its device pool and each client's plan raised
// in SQL to `--plan` devices apiece), one agent server account each, a Monitor token of the support
// organization (it reaches the roll-up of every client's devices) and one of the first client, as
// `support: {orgId, token, clientToken, clients: [{id, logins}]}`. `--supports S --client-servers
// a,b,…` (the fleet scenario) instead makes S support organizations (the demo's and S-1 more) and one
// client per number, dealt round-robin over them, client i with that many agent server accounts;
// printed as `fleet: {supports: [{orgId, token}], clients: [{id, support, logins, token,
// adminToken?}]}`: a Monitor token for every client and an Administrator token for the first
// client of each support organization. `--nats-url` links the hub to other hubs through NATS.
// Prints one line `hub ready {url, orgId, logins, password, token[, adminToken][, support][, fleet]}`;
// stops on SIGTERM.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { cliActor, demoAccounts, loadHubConfig, startHub } from '@crosspoint/hub';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    agents: { type: 'string', default: '0' },
    plan: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '0' },
    supports: { type: 'string', default: '0' },
    'client-servers': { type: 'string' },
    'nats-url': { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    'smtp-url': { type: 'string' },
    'public-url': { type: 'string' },
    'admin-token': { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    resume: { type: 'boolean', default: false },
    /** Serve HTTPS (and the agent link over wss) with these PEM files, as the hub's --tls-cert / --tls-key. */
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  },
});
const databaseUrl = values['database-url'];
const dataDir = values['data-dir'];
if (!databaseUrl && !dataDir) throw new Error('hub: --database-url or --data-dir is required');

const logger = pino({ level: values['log-level'] });
const hub = await startHub(
  loadHubConfig(
    {
      port: values.port,
      // One key for every bench hub: a restarted hub opens what the first sealed, and nothing lands in the working folder.
      secretKey: 'be7c'.repeat(16),
      dataDir: dataDir ?? '.',
      databaseUrl,
      natsUrl: values['nats-url'],
      logLevel: values['log-level'],
      smtpUrl: values['smtp-url'],
      publicUrl: values['public-url'],
      tlsCert: values['tls-cert'],
      tlsKey: values['tls-key'],
    },
    {},
  ),
  { logger },
);
if (values.resume) {
  console.log(`hub ready ${JSON.stringify({ url: hub.url })}`);
} else await seed();

async function seed(): Promise<void> {
  const seeded = await hub.services.bootstrap.seedDemo();
  const orgId = seeded.clientId;
  await hub.database.db.execute(
    sql`UPDATE organizations SET plan_max_devices = ${Number(values.plan)} WHERE id = ${orgId}`,
  );
  const owner = { ...cliActor, token: { id: 'bench', orgId, role: 'administrator' as const } };
  const org = await hub.services.access.resolve(owner, orgId);
  // Extra server accounts: a big organization has many sites, each with its own agent.
  const password = demoAccounts.agent.password;
  const logins = [seeded.agentLogin];
  for (let i = 1; i <= Number(values.agents); i++) {
    const row = await hub.services.servers.create(org, { name: `Bench site ${String(i)}`, password });
    logins.push(row.login);
  }
  const token = (await hub.services.tokens.create(org, { name: 'bench', role: 'monitor' })).secret;
  const adminToken = values['admin-token']
    ? (await hub.services.tokens.create(org, { name: 'bench admin', role: 'administrator' })).secret
    : undefined;
  const fleet = values['client-servers']
    ? await seedFleet(org.org, Number(values.supports), values['client-servers'].split(',').map(Number))
    : undefined;
  const support =
    !fleet && Number(values.clients) > 0 ? await seedClients(org.org, Number(values.clients)) : undefined;
  console.log(
    `hub ready ${JSON.stringify({ url: hub.url, orgId, logins, password, token, adminToken, database: hub.database.kind, support, fleet })}`,
  );
}

/** An organization's context as its Owner, through the bench's own Administrator token actor. */
async function asOwner(id: string) {
  const actor = { ...cliActor, token: { id: 'bench', orgId: id, role: 'administrator' as const } };
  return { ...(await hub.services.access.resolve(actor, id)), role: 'owner' as const };
}

/** `count` clients of the demo client's support organization, each with a plan of `--plan` devices and an agent account. */
async function seedClients(demoClient: { parentId: string | null }, count: number) {
  const plan = Number(values.plan);
  const supportId = demoClient.parentId;
  if (!supportId) throw new Error('hub: the demo client has no support organization');
  // Room in the pool for every plan (the demo client's included), as the support organization's license would give.
  await hub.database.db.execute(
    sql`UPDATE organizations SET device_pool = ${plan * (count + 1)} WHERE id = ${supportId}`,
  );
  const supportCtx = await asOwner(supportId);
  const today = new Date().toISOString().slice(0, 10);
  const end = `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`;
  const password = demoAccounts.agent.password;
  const clients: { id: string; logins: string[] }[] = [];
  for (let i = 1; i <= count; i++) {
    const created = await hub.services.organizations.createClient(supportCtx, {
      name: `Bench client ${String(i).padStart(3, '0')}`,
      owner: { email: demoAccounts.owner },
      plan: { maxDevices: 1, start: today, end },
    });
    if (!created.client) throw new Error(`hub: client ${String(i)} was not created`);
    const ctx = await asOwner(created.client.id);
    const server = await hub.services.servers.create(ctx, { name: 'Bench site', password });
    clients.push({ id: created.client.id, logins: [server.login] });
  }
  // Plans as big as the demo client's: no device Overflowed.
  await hub.database.db.execute(
    sql`UPDATE organizations SET plan_max_devices = ${plan} WHERE parent_id = ${supportId} AND kind = 'client'`,
  );
  const token = (await hub.services.tokens.create(supportCtx, { name: 'bench roll-up', role: 'monitor' }))
    .secret;
  const first = clients[0];
  const clientToken = first
    ? (await hub.services.tokens.create(await asOwner(first.id), { name: 'bench', role: 'monitor' })).secret
    : undefined;
  return { orgId: supportId, token, clientToken, clients };
}

/** The fleet scenario's tenants: `supports` support organizations, one client per entry of `servers`. */
async function seedFleet(demoClient: { parentId: string | null }, supports: number, servers: number[]) {
  const plan = Number(values.plan);
  const demoSupport = demoClient.parentId;
  if (!demoSupport) throw new Error('hub: the demo client has no support organization');
  const supportIds = [demoSupport];
  for (let s = 1; s < Math.max(1, supports); s++) {
    const created = await hub.services.organizations.createSupportOrg(cliActor, {
      name: `Bench integrator ${String(s + 1)}`,
      ownerEmail: demoAccounts.owner,
      devicePool: 1,
    });
    supportIds.push(created.id);
  }
  const today = new Date().toISOString().slice(0, 10);
  const end = `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`;
  const password = demoAccounts.agent.password;
  // Room in each pool for every plan, as a support organization's license would give (before the contexts read it).
  for (const id of supportIds)
    await hub.database.db.execute(
      sql`UPDATE organizations SET device_pool = ${plan * (servers.length + 1)} WHERE id = ${id}`,
    );
  const contexts = await Promise.all(supportIds.map(async (id) => asOwner(id)));
  const clients: { id: string; support: number; logins: string[]; token?: string; adminToken?: string }[] =
    [];
  for (const [i, count] of servers.entries()) {
    const support = i % supportIds.length;
    const supportCtx = contexts[support];
    if (!supportCtx) throw new Error(`hub: no support organization ${String(support)}`);
    const created = await hub.services.organizations.createClient(supportCtx, {
      name: `Fleet client ${String(i + 1).padStart(3, '0')}`,
      owner: { email: demoAccounts.owner },
      plan: { maxDevices: 1, start: today, end },
    });
    if (!created.client) throw new Error(`hub: client ${String(i + 1)} was not created`);
    const ctx = await asOwner(created.client.id);
    const logins: string[] = [];
    for (let k = 1; k <= count; k++)
      logins.push((await hub.services.servers.create(ctx, { name: `Site ${String(k)}`, password })).login);
    const rank = Math.floor(i / supportIds.length);
    const token = (await hub.services.tokens.create(ctx, { name: 'bench', role: 'monitor' })).secret;
    const adminToken =
      rank === 0
        ? (await hub.services.tokens.create(ctx, { name: 'bench admin', role: 'administrator' })).secret
        : undefined;
    clients.push({ id: created.client.id, support, logins, token, adminToken });
  }
  for (const id of supportIds)
    await hub.database.db.execute(
      sql`UPDATE organizations SET plan_max_devices = ${plan} WHERE parent_id = ${id} AND kind = 'client'`,
    );
  const supportTokens = await Promise.all(
    contexts.map(
      async (ctx) =>
        (await hub.services.tokens.create(ctx, { name: 'bench roll-up', role: 'monitor' })).secret,
    ),
  );
  return { supports: supportIds.map((orgId, s) => ({ orgId, token: supportTokens[s] })), clients };
}

process.on('SIGTERM', () => {
  void hub.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
