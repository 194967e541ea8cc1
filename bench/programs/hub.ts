// The hub under test in its own process, so its CPU and RSS are its own:
// `node --import tsx bench/programs/hub.ts (--database-url URL | --data-dir DIR) [--agents N] [--plan N]
//   [--smtp-url URL] [--public-url URL] [--admin-token] [--port P] [--resume]`. With `--resume` it only starts the hub
// on a database an earlier run seeded (a hub restarted; `--port` keeps its URL) and prints `hub ready {url}`.
// Starts the hub on 127.0.0.1 (port chosen by the system), seeds the demo tenants, gives the demo
// client a service plan of `--plan` devices (the demo's 100 would mark every device past the
// hundredth "Overflowed"), creates `--agents` extra agent server accounts, and an API token (Monitor
// role) for reading. `--smtp-url` sends the hub's mail (alerts) to that server; `--admin-token` also
// creates an Administrator token (`adminToken`: alert rules). Prints one line
// `hub ready {url, orgId, logins, password, token[, adminToken]}`; stops on SIGTERM.
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
    'log-level': { type: 'string', default: 'warn' },
    'smtp-url': { type: 'string' },
    'public-url': { type: 'string' },
    'admin-token': { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    resume: { type: 'boolean', default: false },
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
      logLevel: values['log-level'],
      smtpUrl: values['smtp-url'],
      publicUrl: values['public-url'],
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
  console.log(
    `hub ready ${JSON.stringify({ url: hub.url, orgId, logins, password, token, adminToken, database: hub.database.kind })}`,
  );
}

process.on('SIGTERM', () => {
  void hub.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
