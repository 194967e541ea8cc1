import { natsServerAvailable, startOwnNatsServer, type OwnNatsServer } from '@crosspoint/hub/testing';
import { alertEventOf, devicesInMail } from '../lib/alert-mail.ts';
import { startChild, type ChildProgram } from '../lib/child-program.ts';
import { startAgentFleet, type AgentFleet, type AgentSpec } from '../lib/fleet-agents.ts';
import { clientServers, diffStates, tailOf } from '../lib/fleet-plan.ts';
import { sleep, waitUntil } from '../lib/fleet.ts';
import { sampleMachine } from '../lib/machine-load.ts';
import { backendPids, createBenchDatabase, type BenchDatabase } from '../lib/postgres.ts';
import { sampleProcess, sampleProcesses, type ProcessUsage } from '../lib/process-sampler.ts';
import { startSmtpSink, type SmtpSink } from '../lib/smtp-sink.ts';
import { openSse, type SseConnection } from '../lib/sse.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';
import type { Figure, Scenario, TargetCheck } from '../lib/scenario.ts';

interface FleetTenants {
  supports: { orgId: string; token: string }[];
  clients: { id: string; support: number; logins: string[]; token: string; adminToken?: string }[];
}

interface Hub {
  child: ChildProgram;
  url: string;
}

interface Config {
  agents: number;
  devicesPerAgent: number;
  clients: number;
  supports: number;
  burstAgents: number;
  workers: number;
  churnPercentPerMinute: number;
  churnSeconds: number;
  samplesPerSecond: number;
  people: number;
  thinkMs: number;
  pagesPerVisit: number;
  commands: number;
  loadTimeoutMs: number;
  resyncTimeoutMs: number;
  burstQuietMs: number;
  burstMaxMs: number;
}

/** A sampled change is lost when no watcher saw it this long after it was sent. */
const detectionDeadlineMs = 15_000;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function startHub(args: string[], timeoutMs: number, onSpawn?: (pid: number) => void): Promise<Hub> {
  const child = await startChild('bench/programs/hub.ts', args, /hub ready (\{.*\})$/, {
    timeoutMs,
    ...(onSpawn ? { onSpawn } : {}),
  });
  return { child, url: (JSON.parse(child.ready) as { url: string }).url };
}

/** Hub, PostgreSQL and machine sampled together over one phase. */
function samplePhase(db: BenchDatabase, hubs: Hub[], fleet: AgentFleet | undefined) {
  const hubSamplers = hubs.map((h) => sampleProcess(h.child.pid));
  const workers = fleet ? fleet.pids.map((p) => sampleProcess(p)) : [];
  const machine = sampleMachine();
  const pg = backendPids(db).then((pids) => sampleProcesses(pids));
  return {
    async stop() {
      const hub = await Promise.all(hubSamplers.map((s) => s.stop()));
      const agents = await Promise.all(workers.map((s) => s.stop().catch(() => undefined)));
      return {
        hubCpuPercentOfOneCore: hub.reduce((n, u) => n + u.cpuPercentOfOneCore, 0),
        hubRssMiB: hub.map((u: ProcessUsage) => u.rssMiB.max),
        postgresCpuPercentOfOneCore: await (await pg).stop(),
        agentWorkersCpuPercentOfOneCore: agents.reduce((n, u) => n + (u?.cpuPercentOfOneCore ?? 0), 0),
        machineBusyPercent: await machine.stop(),
      };
    },
  };
}
type PhaseUsage = Awaited<ReturnType<ReturnType<typeof samplePhase>['stop']>>;

interface Sample {
  id: string;
  agent: number;
  hubId: string;
  clientId: string;
  /** The client's Monitor token (a support organization's token reaches the roll-up list, not a client's device). */
  token: string;
  support: number;
  status: string;
  at: number;
  /** Hub URL → when a watcher on it had the device's new status. */
  seen: Map<string, number>;
}

interface ChurnResult {
  seconds: number;
  churned: number;
  list: Summary;
  summary: Summary;
  listByHub: Record<string, Summary>;
  summaryByHub: Record<string, Summary>;
  httpErrors: number;
  detection: Summary;
  /** With two hubs: seen on the hub holding the agent, and on the other one. */
  detectionByHub: Record<string, Summary>;
  samples: number;
  lost: number;
  eventErrors: string[];
  usage: PhaseUsage;
}

export const fleetScenario: Scenario = {
  name: 'fleet',
  description:
    'many sites on one hub and on two: load, churn with people on the lists, detection, a power-loss burst, a reconnect storm',
  async run({ quick, log }) {
    const config: Config = quick
      ? {
          agents: 20,
          devicesPerAgent: 50,
          clients: 8,
          supports: 2,
          burstAgents: 4,
          workers: 2,
          churnPercentPerMinute: 5,
          churnSeconds: 30,
          samplesPerSecond: 2,
          people: 10,
          thinkMs: 1000,
          pagesPerVisit: 3,
          commands: 8,
          loadTimeoutMs: 120_000,
          resyncTimeoutMs: 120_000,
          burstQuietMs: 5000,
          burstMaxMs: 60_000,
        }
      : {
          agents: Number(process.env.BENCH_FLEET_AGENTS ?? 500),
          devicesPerAgent: 200,
          clients: Number(process.env.BENCH_FLEET_CLIENTS ?? 200),
          supports: 4,
          burstAgents: 10,
          workers: 4,
          churnPercentPerMinute: 1,
          churnSeconds: 120,
          samplesPerSecond: 2,
          people: 10,
          thinkMs: 1000,
          pagesPerVisit: 3,
          commands: 40,
          loadTimeoutMs: 900_000,
          resyncTimeoutMs: 600_000,
          burstQuietMs: 10_000,
          burstMaxMs: 300_000,
        };
    const servers = clientServers(config.agents, config.clients, config.burstAgents);
    const devices = config.agents * config.devicesPerAgent;
    const db = await createBenchDatabase('fleet');
    const sink: SmtpSink = await startSmtpSink();
    let hubs: Hub[] = [];
    let fleet: AgentFleet | undefined;
    let nats: OwnNatsServer | undefined;
    try {
      // ---- set-up: tenants, then the hub on the same database ----
      log(
        `seeding ${config.supports} support organizations, ${config.clients} clients, ${config.agents} agent accounts`,
      );
      const seedStarted = performance.now();
      const baseArgs = ['--database-url', db.url, '--smtp-url', sink.url];
      const first = await startHub(
        [
          ...baseArgs,
          '--supports',
          String(config.supports),
          '--client-servers',
          servers.join(','),
          '--admin-token',
        ],
        120_000 + config.agents * 1500,
      );
      hubs = [first];
      const ready = JSON.parse(first.child.ready) as { password: string; fleet: FleetTenants };
      const tenants = ready.fleet;
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const port = new URL(first.url).port;
      const specs: AgentSpec[] = [];
      const clientOfAgent: number[] = [];
      tenants.clients.forEach((c, ci) => {
        for (const login of c.logins) {
          clientOfAgent.push(ci);
          specs.push({
            index: specs.length,
            login,
            site: specs.length + 1,
            devices: config.devicesPerAgent,
            churn: ci !== 0,
          });
        }
      });
      const burstClient = tenants.clients[0];
      if (!burstClient?.adminToken) throw new Error('the burst client has no Administrator token');
      const burstAgentIndexes = specs.filter((s) => clientOfAgent[s.index] === 0).map((s) => s.index);

      // ---- 1. load ----
      log(
        `phase 1: ${config.agents} agents × ${config.devicesPerAgent} devices connect and send inventories`,
      );
      const agentFleet = await startAgentFleet(specs, config.workers, [first.url], ready.password);
      fleet = agentFleet;
      // From the first worker told to link (its start-up, tsx and imports, not counted).
      const loadStarted = agentFleet.startedAt;
      let usage = samplePhase(db, hubs, agentFleet);
      const allLoaded = await waitUntil(
        () => agentFleet.loadedSince(loadStarted) === config.agents,
        config.loadTimeoutMs,
        200,
      );
      const loadSeconds = (Date.now() - loadStarted) / 1000;
      const loadUsage = await usage.stop();
      if (!allLoaded)
        throw new Error(
          `only ${agentFleet.loadedSince(loadStarted)} of ${config.agents} agents loaded in ${config.loadTimeoutMs} ms`,
        );
      const stored = await db.client.query<{ agent: string; id: string; org: string }>(
        'SELECT agent_device_id AS agent, id, org_id AS org FROM devices',
      );
      const hubIdOf = new Map(stored.rows.map((r) => [r.agent, r.id]));
      log(
        `loaded in ${round(loadSeconds)} s: ${stored.rows.length} devices at the hub; hub CPU ${round(loadUsage.hubCpuPercentOfOneCore)} %, RSS ${round(loadUsage.hubRssMiB[0] ?? 0)} MiB`,
      );

      // Device ids as benchFleet gives them (link-load.ts): `cp2-SSSS-NNNNNN-01`, SSSS from the site number.
      const idsBySite = new Map<string, string[]>();
      for (const id of hubIdOf.keys()) {
        const site = id.split('-')[1] ?? '';
        const list = idsBySite.get(site);
        if (list) list.push(id);
        else idsBySite.set(site, [id]);
      }
      const idsByAgent = specs.map((s) => idsBySite.get(String(1000 + s.site).slice(-4)) ?? []);

      // ---- 2 + 3. churn, people on the lists, detection through live events ----
      const churnPhase = async (peopleHubs: string[], label: string): Promise<ChurnResult> => {
        const usageSampler = samplePhase(db, hubs, fleet);
        const churnedBefore = agentFleet.churned();
        const samples: Sample[] = [];
        const eventErrors: string[] = [];
        const watchers: SseConnection[] = [];
        // One check at a time per hub and support organization; an event meanwhile asks for one more.
        const checking = new Set<string>();
        const rerun = new Set<string>();
        const check = (hubUrl: string, support: number): void => {
          const key = `${hubUrl} ${support}`;
          if (checking.has(key)) {
            rerun.add(key);
            return;
          }
          checking.add(key);
          void (async () => {
            do {
              const open = samples.filter((s) => s.support === support && !s.seen.has(hubUrl));
              await Promise.all(
                open.map(async (s) => {
                  const res = await fetch(`${hubUrl}/api/v1/orgs/${s.clientId}/devices/${s.hubId}`, {
                    headers: auth(s.token),
                  });
                  if (!res.ok) {
                    eventErrors.push(`device ${s.hubId}: ${res.status}`);
                    await res.arrayBuffer();
                    return;
                  }
                  const body = (await res.json()) as { device: { status: string } };
                  if (body.device.status === s.status && !s.seen.has(hubUrl)) s.seen.set(hubUrl, Date.now());
                }),
              );
            } while (rerun.delete(key));
            checking.delete(key);
          })().catch((e: unknown) => {
            checking.delete(key);
            eventErrors.push((e as Error).message);
          });
        };
        for (const h of hubs)
          for (const [support, s] of tenants.supports.entries()) {
            const c = openSse(
              `${h.url}/api/v1/orgs/${s.orgId}/events`,
              s.token,
              (e) => {
                if (e.event === 'devices') check(h.url, support);
              },
              (e) => eventErrors.push(`events: ${(e as Error).message}`),
            );
            watchers.push(c);
            await c.opened;
          }

        // People: a Monitor token each (support roll-ups and clients), paging the list and reading the summary.
        const seats = [
          ...tenants.supports.map((s) => ({ orgId: s.orgId, token: s.token, rollup: true })),
          // The first two clients of each support organization.
          ...tenants.clients
            .slice(0, 2 * tenants.supports.length)
            .map((c) => ({ orgId: c.id, token: c.token, rollup: false })),
        ];
        const until = performance.now() + config.churnSeconds * 1000;
        const listMs: Record<string, number[]> = {};
        const summaryMs: Record<string, number[]> = {};
        let httpErrors = 0;
        const timed = async (url: string, token: string, into: number[]) => {
          const t0 = performance.now();
          const res = await fetch(url, { headers: auth(token) });
          const body = res.ok ? ((await res.json()) as { nextCursor?: string | null }) : undefined;
          if (!res.ok) {
            httpErrors++;
            await res.arrayBuffer().catch(() => undefined);
          } else into.push(performance.now() - t0);
          return body;
        };
        const person = async (p: number) => {
          const seat = seats[p % seats.length];
          const hubUrl = peopleHubs[p % peopleHubs.length] ?? '';
          if (!seat) return;
          const lists = (listMs[hubUrl] ??= []);
          const summaries = (summaryMs[hubUrl] ??= []);
          await sleep(Math.random() * config.thinkMs);
          while (performance.now() < until) {
            let cursor: string | null | undefined = null;
            for (let page = 0; page < config.pagesPerVisit && performance.now() < until; page++) {
              const q = new URLSearchParams({ sort: 'name', limit: '50' });
              if (cursor) q.set('cursor', cursor);
              const body = await timed(
                `${hubUrl}/api/v1/orgs/${seat.orgId}/devices?${q.toString()}`,
                seat.token,
                lists,
              );
              cursor = body?.nextCursor;
              await sleep(config.thinkMs);
            }
            await timed(`${hubUrl}/api/v1/orgs/${seat.orgId}/devices/summary`, seat.token, summaries);
            await sleep(config.thinkMs);
          }
        };

        // Sampled changes: a device never sampled before, set Down, on an agent that churns.
        const sampler = async () => {
          const churning = specs.filter((s) => s.churn !== false);
          const used = new Set<string>();
          while (performance.now() < until) {
            const spec = churning[Math.floor(Math.random() * churning.length)];
            const ids = spec ? (idsByAgent[spec.index] ?? []) : [];
            const id = ids[Math.floor(Math.random() * ids.length)];
            if (spec && id && !used.has(id)) {
              used.add(id);
              const ci = clientOfAgent[spec.index] ?? 0;
              const client = tenants.clients[ci];
              const hubId = hubIdOf.get(id);
              const r = await agentFleet.set(spec.index, [{ id, status: 'Down' }], 'sample');
              if (r.changed > 0 && client && hubId)
                samples.push({
                  id,
                  agent: spec.index,
                  hubId,
                  clientId: client.id,
                  token: client.token,
                  support: client.support,
                  status: 'Down',
                  at: r.at,
                  seen: new Map(),
                });
            }
            await sleep(1000 / config.samplesPerSecond);
          }
        };
        log(
          `${label}: ${config.churnSeconds} s of churn (${config.churnPercentPerMinute} %/min), ${config.people} people, ${config.samplesPerSecond} sampled changes/s`,
        );
        const started = performance.now();
        await Promise.all([sampler(), ...Array.from({ length: config.people }, (_, p) => person(p))]);
        const seconds = (performance.now() - started) / 1000;
        const lastAt = Math.max(0, ...samples.map((s) => s.at));
        await waitUntil(
          () => samples.every((s) => hubs.every((h) => s.seen.has(h.url))),
          lastAt + detectionDeadlineMs - Date.now(),
          100,
        );
        const used = await usageSampler.stop();
        for (const w of watchers) w.close();
        const lost = samples.filter((s) => hubs.some((h) => !s.seen.has(h.url))).length;
        const agentHub = (s: Sample) => agentFleet.links[s.agent]?.hub;
        const byHub: Record<string, number[]> = {};
        const all: number[] = [];
        for (const s of samples) {
          const own = agentHub(s);
          for (const [url, at] of s.seen) {
            const key = hubs.length === 1 ? 'one hub' : url === own ? 'hub holding the agent' : 'other hub';
            (byHub[key] ??= []).push(at - s.at);
            all.push(at - s.at);
          }
        }
        const hubLabel = (url: string) =>
          hubs.length === 1 ? 'one hub' : url === hubs[0]?.url ? 'hub A' : 'hub B';
        const sumBy = (m: Record<string, number[]>, byUrl = false) =>
          Object.fromEntries(Object.entries(m).map(([k, v]) => [byUrl ? hubLabel(k) : k, summarize(v)]));
        return {
          seconds,
          churned: agentFleet.churned() - churnedBefore,
          list: summarize(Object.values(listMs).flat()),
          summary: summarize(Object.values(summaryMs).flat()),
          listByHub: sumBy(listMs, true),
          summaryByHub: sumBy(summaryMs, true),
          httpErrors,
          detection: summarize(all),
          detectionByHub: sumBy(byHub),
          samples: samples.length,
          lost,
          eventErrors: eventErrors.slice(0, 20),
          usage: used,
        };
      };

      agentFleet.churn(config.churnPercentPerMinute);
      const one = await churnPhase([first.url], 'phase 2+3 (one hub)');
      log(
        `one hub: list p95 ${round(one.list.p95)} ms, summary p95 ${round(one.summary.p95)} ms, detection p50/p95 ${round(one.detection.p50)}/${round(one.detection.p95)} ms, ${one.lost}/${one.samples} lost, ${one.churned} churn changes`,
      );

      // ---- 4. a site loses power ----
      const burstIds = burstAgentIndexes.flatMap((a) => idsByAgent[a] ?? []);
      log(
        `phase 4: ${burstIds.length} devices of ${burstClient.id} (${burstAgentIndexes.length} agents) Down at once, alert rule "Down → email"`,
      );
      await Promise.all(
        burstAgentIndexes.map((a) =>
          agentFleet.set(
            a,
            (idsByAgent[a] ?? []).map((id) => ({ id, status: 'Healthy' })),
            'burst',
          ),
        ),
      );
      await sleep(3000);
      const ruleRes = await fetch(`${first.url}/api/v1/orgs/${burstClient.id}/alerts/rules`, {
        method: 'POST',
        headers: { ...auth(burstClient.adminToken), 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Devices down (fleet bench)',
          condition: { kind: 'device_status', statuses: ['Down'] },
          delayS: 0,
          notifyResolved: false,
          channels: ['email'],
        }),
      });
      if (!ruleRes.ok)
        throw new Error(`creating the alert rule answered ${ruleRes.status}: ${await ruleRes.text()}`);
      await ruleRes.arrayBuffer();
      await sleep(2000);
      const mailsBefore = sink.mails.length;
      usage = samplePhase(db, hubs, fleet);
      const burstAt = Date.now();
      await Promise.all(
        burstAgentIndexes.map((a) =>
          agentFleet.set(
            a,
            (idsByAgent[a] ?? []).map((id) => ({ id, status: 'Down' })),
            'burst',
          ),
        ),
      );
      let lastCount = 0;
      let lastChange = Date.now();
      while (Date.now() - burstAt < config.burstMaxMs) {
        await sleep(500);
        const n = sink.mails.length - mailsBefore;
        if (n !== lastCount) {
          lastCount = n;
          lastChange = Date.now();
        } else if (Date.now() - lastChange >= config.burstQuietMs) break;
      }
      const burstUsage = await usage.stop();
      const burstMails = sink.mails.slice(mailsBefore);
      const opened = burstMails.filter((m) => alertEventOf(m.subject) === 'opened');
      const burst = {
        devices: burstIds.length,
        agents: burstAgentIndexes.length,
        emails: burstMails.length,
        openedEmails: opened.length,
        /** Devices the opened emails are about: a grouped one counts its devices (its subject says how many). */
        devicesAlerted: opened.reduce((n, m) => n + devicesInMail(m.subject), 0),
        firstEmailMs: burstMails[0] ? burstMails[0].at - burstAt : Number.NaN,
        lastEmailMs: burstMails.length ? (burstMails[burstMails.length - 1]?.at ?? 0) - burstAt : Number.NaN,
        stillSendingAtEnd: Date.now() - burstAt >= config.burstMaxMs,
        subjects: [...new Set(burstMails.map((m) => m.subject.replace(/[0-9a-f-]{36}/g, '…')))].slice(0, 5),
      };
      log(
        `burst: ${burst.emails} emails (${burst.openedEmails} opened, about ${burst.devicesAlerted} devices) for ${burst.devices} devices, first after ${round(burst.firstEmailMs)} ms, last after ${round(burst.lastEmailMs)} ms`,
      );
      await Promise.all(
        burstAgentIndexes.map((a) =>
          agentFleet.set(
            a,
            (idsByAgent[a] ?? []).map((id) => ({ id, status: 'Healthy' })),
            'burst',
          ),
        ),
      );

      // ---- 5. reconnect storm: kill -9, restart on the same database ----
      log('phase 5: the hub killed (SIGKILL) and started again on the same database');
      const killedAt = Date.now();
      process.kill(first.child.pid, 'SIGKILL');
      await first.child.stop();
      let restartedPid = 0;
      const restartSampler: { s?: ReturnType<typeof sampleProcess> } = {};
      const machineStorm = sampleMachine();
      const restarted = await startHub([...baseArgs, '--resume', '--port', port], 120_000, (pid) => {
        restartedPid = pid;
        restartSampler.s = sampleProcess(pid);
      });
      hubs = [restarted];
      const hubReadyMs = Date.now() - killedAt;
      const stormPg = backendPids(db).then((pids) => sampleProcesses(pids));
      const resynced = await waitUntil(
        () => agentFleet.loadedSince(killedAt) === config.agents,
        config.resyncTimeoutMs,
        100,
      );
      const resyncMs = Date.now() - killedAt;
      const stormUsage = await restartSampler.s?.stop();
      const storm = {
        hubReadyMs,
        allResyncedMs: resyncMs,
        resyncedAfterHubReadyMs: resyncMs - hubReadyMs,
        agentsResynced: agentFleet.loadedSince(killedAt),
        hubCpuPercentOfOneCore: stormUsage?.cpuPercentOfOneCore ?? Number.NaN,
        hubRssMiB: stormUsage?.rssMiB.max ?? Number.NaN,
        postgresCpuPercentOfOneCore: await (await stormPg).stop(),
        machineBusyPercent: await machineStorm.stop(),
        restartedPid,
      };
      log(
        `resynced: ${storm.agentsResynced}/${config.agents} agents ${round(resyncMs / 1000)} s after the kill (hub ready after ${round(hubReadyMs / 1000)} s)`,
      );
      // Nothing lost: quiet the churn, let every buffered change be acknowledged, compare device by device.
      const compare = async () => {
        agentFleet.churn(0);
        await sleep(1000);
        let agentsNow = await agentFleet.states();
        const quietUntil = Date.now() + 30_000;
        while (agentsNow.backlog > 0 && Date.now() < quietUntil) {
          await sleep(500);
          agentsNow = await agentFleet.states();
        }
        const hubRows = await db.client.query<{ agent: string; status: string }>(
          'SELECT d.agent_device_id AS agent, s.status FROM devices d JOIN device_state s ON s.device_id = d.id',
        );
        const diff = diffStates(agentsNow.states, new Map(hubRows.rows.map((r) => [r.agent, r.status])));
        return {
          ...diff,
          backlog: agentsNow.backlog,
          agentsCpuMs: agentsNow.cpuMs,
          agentsRssMiB: agentsNow.rssMiB,
        };
      };
      if (!resynced) log(`not every agent resynced within ${config.resyncTimeoutMs} ms`);
      const afterStorm = await compare();
      const stormLost = afterStorm.missing.length + afterStorm.different.length + (resynced ? 0 : 1);
      log(
        `after the storm: ${afterStorm.missing.length} devices missing, ${afterStorm.different.length} with another status at the hub, backlog ${afterStorm.backlog}`,
      );

      // ---- 6. two hubs on PostgreSQL + NATS ----
      let two: ChurnResult | undefined;
      let twoHubs: Record<string, Figure> = {};
      let twoDetails: Record<string, unknown> = {};
      let twoLost = 0;
      let skipped: string | undefined;
      if (!natsServerAvailable()) skipped = 'no nats-server: the two-hub phase did not run';
      else {
        log('phase 6: two hubs on PostgreSQL and a NATS server of the run’s own');
        const ownNats = await startOwnNatsServer();
        nats = ownNats;
        await restarted.child.stop();
        hubs = [];
        const [a, b] = await Promise.all([
          startHub([...baseArgs, '--resume', '--port', port, '--nats-url', ownNats.url], 120_000),
          startHub([...baseArgs, '--resume', '--nats-url', ownNats.url], 120_000),
        ]);
        hubs = [a, b];
        const movedAt = Date.now();
        agentFleet.hubs([a.url, b.url]);
        const spread = await waitUntil(
          () =>
            agentFleet.loadedSince(movedAt) === config.agents &&
            agentFleet.links.every((l) => l.hub !== undefined && l.loadedAt >= l.linkedAt),
          config.resyncTimeoutMs,
          100,
        );
        const spreadMs = Date.now() - movedAt;
        const perHub = Object.fromEntries(
          hubs.map((h, i) => [
            `hub${i === 0 ? 'A' : 'B'}`,
            agentFleet.links.filter((l) => l.hub === h.url).length,
          ]),
        );
        log(`agents spread over the two hubs in ${round(spreadMs / 1000)} s: ${JSON.stringify(perHub)}`);
        agentFleet.churn(config.churnPercentPerMinute);
        two = await churnPhase(
          hubs.map((h) => h.url),
          'phase 6 (two hubs)',
        );
        // Commands: half sent through the hub holding the agent, half through the other one.
        const commandClients = tenants.clients
          .map((c, ci) => ({ c, ci }))
          .filter(({ c }) => c.adminToken !== undefined);
        const commandMs: Record<string, number[]> = {
          'through the hub holding the agent': [],
          'through the other hub': [],
        };
        const failed: string[] = [];
        let routedRight = 0;
        for (let k = 0; k < config.commands; k++) {
          const { c, ci } = commandClients[k % commandClients.length] ?? {};
          const agents = specs.filter((s) => clientOfAgent[s.index] === ci);
          const spec = agents[k % Math.max(1, agents.length)];
          if (!c || !spec) continue;
          const boxes = (idsByAgent[spec.index] ?? []).filter((x) => x.startsWith('cp2-'));
          const id = boxes[k % Math.max(1, boxes.length)];
          const hubId = id ? hubIdOf.get(id) : undefined;
          const holder = agentFleet.links[spec.index]?.hub;
          if (!hubId || !holder) continue;
          const cross = k % 2 === 1;
          const via = cross ? (hubs.find((h) => h.url !== holder)?.url ?? holder) : holder;
          const t0 = performance.now();
          const res = await fetch(`${via}/api/v1/orgs/${c.id}/jobs`, {
            method: 'POST',
            headers: { ...auth(c.adminToken ?? ''), 'content-type': 'application/json' },
            body: JSON.stringify({ deviceIds: [hubId], command: { type: 'locate', on: k % 4 < 2 } }),
          });
          if (!res.ok) {
            failed.push(`POST jobs ${res.status}: ${await res.text()}`);
            continue;
          }
          const jobId = ((await res.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
          let status = '';
          const deadline = Date.now() + 30_000;
          while (status !== 'succeeded' && status !== 'failed' && Date.now() < deadline) {
            const job = await fetch(`${via}/api/v1/orgs/${c.id}/jobs/${jobId}`, {
              headers: auth(c.adminToken ?? ''),
            });
            status = job.ok ? ((await job.json()) as { status: string }).status : `http ${job.status}`;
            if (status !== 'succeeded' && status !== 'failed') await sleep(25);
          }
          if (status !== 'succeeded')
            failed.push(`job ${jobId} via ${cross ? 'other' : 'own'} hub: ${status}`);
          else
            commandMs[cross ? 'through the other hub' : 'through the hub holding the agent']?.push(
              performance.now() - t0,
            );
          if (agentFleet.commands.get(jobId)?.hub === holder) routedRight++;
        }
        const afterTwo = await compare();
        twoLost =
          two.lost + failed.length + afterTwo.missing.length + afterTwo.different.length + (spread ? 0 : 1);
        twoHubs = {
          spreadMs,
          agentsPerHub: perHub,
          commandMs: Object.fromEntries(Object.entries(commandMs).map(([k, v]) => [k, summarize(v)])),
          commandsSent: config.commands,
          commandsFailed: failed.length,
          commandsReachedTheHoldingHub: routedRight,
          devicesMissingAfter: afterTwo.missing.length,
          devicesDifferentAfter: afterTwo.different.length,
        };
        twoDetails = {
          commandFailures: failed.slice(0, 20),
          differentAfterTwoHubs: afterTwo.different.slice(0, 20),
        };
        log(
          `two hubs: list p95 ${round(two.list.p95)} ms, summary p95 ${round(two.summary.p95)} ms, detection p95 ${round(two.detection.p95)} ms, ${two.lost}/${two.samples} lost; commands ${config.commands - failed.length}/${config.commands} succeeded, ${routedRight} reached the holding hub`,
        );
      }

      // ---- figures ----
      const tail = (s: Summary) => {
        const t = tailOf(s);
        return `${t.name} ${round(t.value)}`;
      };
      const churnFigures = (r: ChurnResult): Record<string, Figure> => ({
        listMs: r.list,
        summaryMs: r.summary,
        ...Object.fromEntries(Object.entries(r.listByHub).map(([k, v]) => [`listMs ${k}`, v])),
        detectionMs: r.detection,
        ...Object.fromEntries(Object.entries(r.detectionByHub).map(([k, v]) => [`detectionMs ${k}`, v])),
        samples: r.samples,
        samplesLost: r.lost,
        churnChanges: r.churned,
        churnSeconds: r.seconds,
        httpErrors: r.httpErrors,
        ...r.usage,
        hubRssMiB: Object.fromEntries(r.usage.hubRssMiB.map((v, i) => [`hub${String(i)}`, v])),
      });
      const lost = one.lost + stormLost + twoLost;
      const detectionTail = tailOf(one.detection);
      const targets: TargetCheck[] = [
        {
          name: `device list page p95 under ingest (${devices} devices, ${config.people} people)`,
          target: '< 100 ms',
          measured: round(one.list.p95),
          unit: 'ms',
          met: one.list.p95 < 100,
        },
        {
          name: 'dashboard summary p95 under ingest',
          target: '< 50 ms',
          measured: round(one.summary.p95),
          unit: 'ms',
          met: one.summary.p95 < 50,
        },
        {
          name: `agent's change → seen by a watcher through live events, ${detectionTail.name} (${one.detection.count} samples${detectionTail.name === 'max' ? ', fewer than 200: the maximum' : ''})`,
          target: '< 1 s, none lost',
          measured: round(detectionTail.value),
          unit: 'ms',
          met: detectionTail.value < 1000 && one.lost === 0,
        },
        {
          name: `alert emails for ${burst.devices} devices of one client (${burst.agents} agent servers) Down at once`,
          target: `grouped: ≤ 2 (one at once, one digest of the rest), naming all ${burst.devices} devices, not one per device`,
          measured: burst.emails,
          unit: 'emails',
          met: burst.emails <= 2 && burst.emails > 0 && burst.devicesAlerted === burst.devices,
        },
        {
          name: 'reconnect storm: every agent resynced and every device’s status equal at the hub',
          target: 'all, none lost',
          measured: afterStorm.missing.length + afterStorm.different.length,
          unit: 'devices lost',
          met: stormLost === 0,
        },
      ];
      const ratios: Record<string, number> = {};
      if (two) {
        ratios.listP95TwoHubsVsOne = two.list.p95 / one.list.p95;
        ratios.summaryP95TwoHubsVsOne = two.summary.p95 / one.summary.p95;
        ratios.detectionP95TwoHubsVsOne = two.detection.p95 / one.detection.p95;
        ratios.hubCpuTwoHubsVsOne = two.usage.hubCpuPercentOfOneCore / one.usage.hubCpuPercentOfOneCore;
        targets.push({
          name: 'two hubs: sampled changes seen on both hubs, commands routed, nothing lost',
          target: 'none lost',
          measured: twoLost,
          unit: 'lost',
          met: twoLost === 0,
        });
      }
      const ms = (s: Summary) => `${round(s.p50)} / ${round(s.p95)} ms (${s.count})`;
      return {
        config: {
          ...config,
          devices,
          clientServers: `${servers[0]} for the burst client, ${Math.min(...servers.slice(1))}–${Math.max(...servers.slice(1))} for the others`,
          burst: `one client organization's ${config.burstAgents} agent servers (its sites) × ${config.devicesPerAgent} devices Down in one frame each, at once`,
          samples: `${config.samplesPerSecond}/s on top of the churn: a device never sampled before set Down; seen = after a 'devices' live event on its support organization's roll-up stream, a GET of the device (its client's Monitor token) shows it`,
          people:
            'each a Monitor token (support roll-ups and clients), pages 3 × 50 rows sorted by name then the summary, 1 s between requests',
          nats: nats
            ? `own nats-server ${nats.url} (no subject prefix in the hub: a server of the run's own keeps runs apart)`
            : skipped,
          database: `PostgreSQL ${db.version}`,
        },
        figures: {
          seedSeconds,
          loadSeconds,
          load: { ...loadUsage, hubRssMiB: loadUsage.hubRssMiB[0] ?? Number.NaN },
          ...Object.fromEntries(Object.entries(churnFigures(one)).map(([k, v]) => [`oneHub ${k}`, v])),
          burst: {
            emails: burst.emails,
            openedEmails: burst.openedEmails,
            devicesAlerted: burst.devicesAlerted,
            firstEmailMs: burst.firstEmailMs,
            lastEmailMs: burst.lastEmailMs,
            ...burstUsage,
            hubRssMiB: burstUsage.hubRssMiB[0] ?? Number.NaN,
          },
          storm: {
            ...storm,
            devicesMissing: afterStorm.missing.length,
            devicesDifferent: afterStorm.different.length,
          },
          ...(two
            ? Object.fromEntries(Object.entries(churnFigures(two)).map(([k, v]) => [`twoHubs ${k}`, v]))
            : {}),
          ...twoHubs,
        },
        baseline: {
          description:
            'the same churn phase on one hub is the baseline of the two-hub phase (ratios two / one)',
          figures: { listMs: one.list, summaryMs: one.summary, detectionMs: one.detection },
        },
        ratios,
        targets,
        lost,
        details: {
          burstSubjects: burst.subjects,
          burstStillSendingAtEnd: burst.stillSendingAtEnd,
          eventErrors: [...one.eventErrors, ...(two?.eventErrors ?? [])],
          missingAfterStorm: afterStorm.missing.slice(0, 20),
          differentAfterStorm: afterStorm.different.slice(0, 20),
          skipped,
          ...twoDetails,
        },
        table: [
          [
            'load',
            `${devices} devices in ${round(loadSeconds)} s, hub RSS ${round(loadUsage.hubRssMiB[0] ?? 0)} MiB`,
          ],
          ['one hub: list p50 / p95', ms(one.list)],
          ['one hub: summary p50 / p95', ms(one.summary)],
          [
            'one hub: detection p50 / p95 / tail',
            `${ms(one.detection)}, ${tail(one.detection)} ms, ${one.lost} lost`,
          ],
          [
            'one hub: CPU hub / PostgreSQL / machine',
            `${round(one.usage.hubCpuPercentOfOneCore)} % / ${round(one.usage.postgresCpuPercentOfOneCore)} % of a core / ${round(one.usage.machineBusyPercent)} %`,
          ],
          [
            'burst: emails',
            `${burst.emails} for ${burst.devices} devices (first ${round(burst.firstEmailMs)} ms, last ${round(burst.lastEmailMs)} ms)`,
          ],
          [
            'storm: all resynced',
            `${round(storm.allResyncedMs / 1000)} s after kill -9 (hub ready ${round(storm.hubReadyMs / 1000)} s), ${afterStorm.missing.length + afterStorm.different.length} devices lost`,
          ],
          ...(two
            ? ([
                ['two hubs: list p50 / p95', ms(two.list)],
                ['two hubs: summary p50 / p95', ms(two.summary)],
                [
                  'two hubs: detection p50 / p95 / tail',
                  `${ms(two.detection)}, ${tail(two.detection)} ms, ${two.lost} lost`,
                ],
                [
                  'two hubs: CPU hubs / PostgreSQL',
                  `${round(two.usage.hubCpuPercentOfOneCore)} % / ${round(two.usage.postgresCpuPercentOfOneCore)} %`,
                ],
              ] as [string, string][])
            : [['two hubs', skipped ?? 'not run'] as [string, string]]),
        ],
      };
    } finally {
      await fleet?.stop();
      await Promise.allSettled(hubs.map((h) => h.child.stop()));
      await nats?.close();
      await sink.close();
      await db.drop();
    }
  },
};
