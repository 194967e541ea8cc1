import type { FastifyInstance } from 'fastify';
import { basicCredentials } from './basic-credentials.ts';
import websocket from '@fastify/websocket';
import { Compile } from 'typebox/compile';
import {
  AgentFrame,
  LinkClose,
  linkProtocolVersion,
  salvageAgentFrame,
  storableJson,
  type HubFrame,
  type LinkItemProblem,
} from '@crosspoint/protocol';
import type { AgentLinkService, LinkedAgent } from '../services/agent-link.service.ts';
import type { AgentBuildService } from '../services/agent-build.service.ts';
import type { ConfigurationService } from '../services/configurations/configuration.service.ts';
import type { HubMetrics } from '../adapters/metrics.ts';
import type { EventBus, Unsubscribe } from '../bus/event-bus.ts';
import {
  agentCommandSubject,
  agentControlSubject,
  type AgentCommandAnswer,
  type AgentCommandRequest,
  type CommandService,
} from '../services/command.service.ts';

const checkFrame = Compile(AgentFrame);
const maxFrameBytes = 4 * 1024 * 1024;

/** What the gateway needs of a socket (kept structural: @fastify/websocket and ws type it differently). */
interface LinkSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

const send = (socket: LinkSocket, frame: HubFrame) => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
};

/**
 * `/agent/v1`: one WebSocket per agent, opened by the agent, authenticated with its server account
 * (HTTP Basic in the upgrade). Frames are processed one at a time in arrival order; every stored
 * frame is acknowledged so the agent can drop it from its buffer. Malformed frames close the link
 * with a reason; a well-formed frame with bad content (a device's text with control characters, too
 * long, a time out of range, data PostgreSQL refuses) is stored without what cannot be repaired,
 * audited once and acknowledged, so it is never resent in a loop. Nothing an agent sends can crash
 * the hub.
 */
export async function registerAgentGateway(
  app: FastifyInstance,
  deps: {
    link: AgentLinkService;
    commands: CommandService;
    bus: EventBus;
    metrics: HubMetrics;
    serverId: string;
    /** The agent build the hub offers: announced in welcome ("Update available" on the agent). */
    agentBuilds?: AgentBuildService;
    /** Configuration versions: a change an agent saw is backed up. */
    configurations?: Pick<ConfigurationService, 'changeSeen'>;
  },
): Promise<void> {
  await app.register(websocket, { options: { maxPayload: maxFrameBytes, perMessageDeflate: true } });
  const connected = new Set<LinkSocket>();
  app.addHook('onClose', () => {
    for (const s of connected) s.close(LinkClose.ShuttingDown, 'The hub is shutting down; reconnect.');
  });

  app.get('/agent/v1', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const ip = request.ip;
    let agent: LinkedAgent | undefined;
    let helloDone = false;
    let queue = Promise.resolve();
    let stopAnswering: Unsubscribe | undefined;
    let stopControl: Unsubscribe | undefined;
    /** The SHA-256 of the build last announced on this link (welcome or update-agent). */
    let announcedSha: string | undefined;
    /** The uplink's round trip, measured by a WebSocket ping at each heartbeat (the latest answered). */
    let uplinkRttMs: number | null = null;
    let pingSentAt: number | undefined;
    socket.on('pong', () => {
      if (pingSentAt !== undefined) uplinkRttMs = Math.round((performance.now() - pingSentAt) * 10) / 10;
      pingSentAt = undefined;
    });
    /** Commands sent to this agent, waiting for their command-result. */
    const pending = new Map<string, { resolve: (a: AgentCommandAnswer) => void; orgId: string }>();
    const credentials = basicCredentials(request);
    const authenticated = credentials
      ? deps.link.authenticate(credentials.login, credentials.password, ip)
      : Promise.resolve('bad_credentials' as const);

    const close = (code: number, reason: string) => {
      request.log.info({ code, reason, ip }, 'agent link closed by hub');
      socket.close(code, reason.slice(0, 120));
    };

    const handle = async (raw: string) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        close(LinkClose.Malformed, 'The frame is not JSON.');
        return;
      }
      let frame: AgentFrame;
      let problems: LinkItemProblem[] = [];
      let refusedIds: string[] = [];
      if (checkFrame.Check(parsed)) frame = parsed;
      else {
        const salvaged = salvageAgentFrame(parsed);
        if (!salvaged) {
          const first = [...checkFrame.Errors(parsed)][0];
          close(
            LinkClose.Malformed,
            `Malformed frame: ${first ? `${first.instancePath || '/'} ${first.message}` : 'wrong shape'}`,
          );
          return;
        }
        ({ frame, problems, refusedIds } = salvaged);
      }
      const result = await authenticated;
      if (typeof result === 'string') return;
      agent ??= result;
      const linked = agent;
      const report = async () => {
        if (problems.length === 0) return;
        const fresh = await deps.link.frameProblems(linked, problems, ip);
        if (fresh.length)
          request.log.warn(
            { agent: linked.account.id, problems: fresh.slice(0, 20), total: fresh.length },
            'agent frame items repaired or refused',
          );
      };
      if (!helloDone) {
        if (frame.type !== 'hello') {
          close(LinkClose.Malformed, 'The first frame must be hello.');
          return;
        }
        if (frame.v !== linkProtocolVersion) {
          close(
            LinkClose.UnsupportedVersion,
            `Link version ${String(frame.v)} is not supported; this hub speaks ${String(linkProtocolVersion)}.`,
          );
          return;
        }
        helloDone = true;
        const lastSeq = await deps.link.connected(agent, frame, ip);
        await report();
        connected.add(socket);
        deps.metrics.agentsConnected.inc();
        const build = await deps.agentBuilds?.announcement();
        announcedSha = build?.sha256;
        send(socket, {
          type: 'welcome',
          v: linkProtocolVersion,
          serverId: deps.serverId,
          organization: agent.org.name,
          lastSeq,
          health: true,
          now: Date.now(),
          selfUpdate: true,
          configChanges: deps.configurations !== undefined,
          ...(build ? { agentBuild: build } : {}),
        });
        // The Servers screen's Update button reaches the agent through whichever hub holds its link.
        const account = agent.account.id;
        stopControl = await deps.bus.respond(agentControlSubject(account), async () => {
          const offered = await deps.agentBuilds?.announcement();
          if (!offered) return { ok: false, reason: 'This hub offers no agent build.' };
          announcedSha = offered.sha256;
          send(socket, { type: 'update-agent', build: offered, requested: true });
          return { ok: true };
        });
        // This hub now answers commands for this agent, from any hub (through the bus).
        stopAnswering = await deps.bus.respond(agentCommandSubject(agent.account.id), (payload) => {
          const request = payload as AgentCommandRequest;
          return new Promise<AgentCommandAnswer>((resolve) => {
            pending.set(request.jobId, { resolve, orgId: request.orgId });
            send(socket, {
              type: 'command',
              commandId: request.jobId,
              deviceId: request.agentDeviceId,
              command: request.command,
              deadline: request.deadline,
            });
          });
        });
        return;
      }
      switch (frame.type) {
        case 'hello':
          close(LinkClose.Malformed, 'hello was already sent.');
          return;
        case 'inventory':
          await deps.link.inventory(agent, frame.seq, frame.devices, refusedIds, problems);
          await report();
          deps.metrics.ingestedChanges.inc(frame.devices.length);
          send(socket, { type: 'ack', seq: frame.seq });
          return;
        case 'deltas':
          await deps.link.changes(agent, frame.seq, frame.changes, problems);
          await report();
          deps.metrics.ingestedChanges.inc(frame.changes.length);
          send(socket, { type: 'ack', seq: frame.seq });
          return;
        case 'heartbeat': {
          await deps.link.heartbeat(agent, frame.monitoring, frame.subnets, frame.health, frame.at, {
            ...(frame.update ? { update: frame.update } : {}),
            uplinkRttMs,
          });
          if (pingSentAt === undefined && socket.readyState === socket.OPEN) {
            pingSentAt = performance.now();
            socket.ping();
          }
          await report();
          // A build published while the agent is linked is offered at its next heartbeat.
          const offered = await deps.agentBuilds?.announcement();
          if (offered && offered.sha256 !== announcedSha) {
            announcedSha = offered.sha256;
            send(socket, { type: 'update-agent', build: offered });
          }
          return;
        }
        case 'agent-update':
          await deps.link.agentUpdate(agent, frame.event, ip);
          return;
        case 'command-result': {
          await report();
          const waiting = pending.get(frame.commandId);
          pending.delete(frame.commandId);
          // A result is the device's to shape (backups, logs): kept as sent, less what PostgreSQL cannot store.
          const result = frame.result === undefined ? {} : { result: storableJson(frame.result) };
          const answer = { ok: frame.ok, ...result, ...(frame.error ? { error: frame.error } : {}) };
          // No send waits for it on this link (the agent kept it while disconnected): taken all the same.
          if (waiting) waiting.resolve(answer);
          else await deps.commands.resultFromAgent(agent.account.id, frame.commandId, answer);
          return;
        }
        case 'job-progress': {
          await report();
          const waiting = pending.get(frame.commandId);
          if (waiting)
            await deps.commands.progress(waiting.orgId, frame.commandId, frame.percent, frame.phase);
          return;
        }
        case 'config-changed':
          await report();
          await deps.configurations?.changeSeen(agent.org.id, frame.deviceId, agent.account.name);
          return;
      }
    };

    void authenticated.then((result) => {
      if (result === 'bad_credentials')
        close(LinkClose.BadCredentials, 'Wrong agent account name or password.');
      else if (result === 'disabled') close(LinkClose.Disabled, 'This agent server account is disabled.');
      else if (result === 'locked')
        close(LinkClose.BadCredentials, 'Too many failed sign-ins; try again later.');
    });

    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        close(LinkClose.Malformed, 'Frames are JSON text.');
        return;
      }
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      queue = queue
        .then(() => handle(text))
        .catch((e: unknown) => {
          request.log.error({ err: e }, 'agent frame failed');
          close(1011, 'The hub could not store this frame; it will be resent.');
        });
    });
    socket.on('close', () => {
      connected.delete(socket);
      stopAnswering?.();
      stopControl?.();
      for (const [, waiting] of pending)
        waiting.resolve({
          ok: false,
          error: { code: 'AGENT_DISCONNECTED', message: 'The agent disconnected before it answered.' },
        });
      pending.clear();
      if (agent && helloDone) {
        deps.metrics.agentsConnected.dec();
        const gone = agent;
        queue = queue.then(() => deps.link.disconnected(gone)).catch(() => undefined);
      }
    });
  });
}
