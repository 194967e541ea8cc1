import { randomUUID } from 'node:crypto';
import type {
  AgentHealth,
  AgentIssue,
  AgentUpdateEvent,
  AgentUpdateInfo,
  LinkChange,
  LinkDevice,
  LinkItemProblem,
} from '@crosspoint/protocol';
import type { AgentAccountRecord, AgentAccountRepository } from '../repositories/agent-account.repository.ts';
import type { CredentialRepository } from '../repositories/credential.repository.ts';
import type { DeviceIngestRepository, RefusedItem } from '../repositories/device-ingest.repository.ts';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { PasswordService } from './password.service.ts';
import { isoDay, type Clock } from './context.ts';
import type { LiveEvents } from './live-events.ts';
import { defaultThrottle } from './auth.service.ts';
import { deviceLimit } from './editions.ts';

/** An agent clock further than this from the hub's is an issue (CLOCK_SKEW): times of changes would be wrong. */
export const clockSkewLimitMs = 30_000;

/** What the hub sees itself of an agent whose heartbeat was sent `skewMs` ahead of (or behind) its own clock. */
function clockIssues(skewMs: number): AgentIssue[] {
  if (!Number.isFinite(skewMs) || Math.abs(skewMs) <= clockSkewLimitMs) return [];
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  return [
    {
      code: 'CLOCK_SKEW',
      reason: `The agent's clock is ${String(seconds)} s ${skewMs > 0 ? 'ahead of' : 'behind'} the hub's: status change times are off. Set up NTP on the server.`,
    },
  ];
}

/** Failed agent logins from one address (any account) within the throttle window before it is refused unchecked. */
export const agentFailuresPerAddress = 50;

/** Why a link is refused; the gateway turns these into WebSocket close codes. */
export type LinkRefusal = 'bad_credentials' | 'disabled' | 'locked';

export interface LinkedAgent {
  account: AgentAccountRecord;
  org: OrgRecord;
}

/** Problems remembered per hub process, so a device sent again and again is audited once. */
const maxRememberedProblems = 10_000;

/** Everything the hub does with what agents send: sign-in, inventory, changes, heartbeats. */
export class AgentLinkService {
  private readonly reported = new Set<string>();

  constructor(
    private readonly accounts: AgentAccountRepository,
    private readonly orgs: OrganizationRepository,
    private readonly devices: DeviceRepository,
    private readonly ingest: DeviceIngestRepository,
    private readonly credentials: CredentialRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly live: LiveEvents,
    private readonly clock: Clock,
    /** This hub process (`hub_processes.id`): the links it holds are marked with it. */
    readonly hubId: string = randomUUID(),
  ) {}

  /** `login` is `<account name>@<organization code>` (account number, or the organization id). */
  async authenticate(login: string, password: string, ip: string): Promise<LinkedAgent | LinkRefusal> {
    const now = this.clock();
    const key = `agent:${login.toLowerCase()}|ip:${ip}`;
    // One address trying many logins is refused before any password is checked (argon2 is costly).
    const addressKey = `agent-ip:${ip}`;
    const locks = await this.credentials.throttle([key, addressKey]);
    if (locks.some((l) => l.lockedUntil && l.lockedUntil > now)) return 'locked';
    const at = login.lastIndexOf('@');
    const name = at > 0 ? login.slice(0, at) : '';
    const code = at > 0 ? login.slice(at + 1) : '';
    const org = code ? await this.orgs.byCode(code) : undefined;
    const account = org && name ? await this.accounts.byName(org.id, name) : undefined;
    const ok = await this.passwords.verify(account?.passwordHash ?? null, password);
    if (!ok || !account || !org) {
      const t = defaultThrottle;
      await this.credentials.recordFailure(key, now, t.windowMs, t.perAccountAddress, t.lockMs);
      await this.credentials.recordFailure(addressKey, now, t.windowMs, agentFailuresPerAddress, t.lockMs);
      if (org) {
        await this.audit.record(
          { userId: null, label: `agent ${login.slice(0, 120)}`, ip },
          { orgId: org.id, action: 'agents.sign_in_failed' },
        );
      }
      return 'bad_credentials';
    }
    await this.credentials.clearThrottle(key);
    if (account.disabled) {
      await this.audit.record(
        { userId: null, label: `agent ${account.name}`, ip },
        { orgId: org.id, action: 'agents.refused_disabled', targetType: 'server', targetId: account.id },
      );
      return 'disabled';
    }
    return { account, org };
  }

  /** The agent said hello: it is connected. Returns the last sequence number already stored. */
  async connected(
    agent: LinkedAgent,
    hello: { agentVersion: string; instance: string; subnets: { enabled: number; total: number } },
    ip: string,
  ): Promise<number> {
    const now = this.clock();
    const sameInstance = agent.account.agentInstance === hello.instance;
    const updated = await this.accounts.update(agent.org.id, agent.account.id, {
      connectedAt: now,
      hubId: this.hubId,
      lastSeenAt: now,
      agentVersion: hello.agentVersion,
      agentInstance: hello.instance,
      subnetsEnabled: hello.subnets.enabled,
      subnetsTotal: hello.subnets.total,
      monitoring: 'active',
      ...(sameInstance ? {} : { lastSeq: -1 }),
    });
    if (updated) agent.account = updated;
    await this.audit.record(
      { userId: null, label: `agent ${agent.account.name}`, ip },
      {
        orgId: agent.org.id,
        action: 'agents.connected',
        targetType: 'server',
        targetId: agent.account.id,
        detail: { version: hello.agentVersion },
      },
    );
    await this.publish(agent.org.id, { kind: 'servers' });
    return updated?.lastSeq ?? -1;
  }

  /**
   * A step of the agent's self-update: audited (`agents.update_<step>`, with the versions and the
   * reason) and shown on Servers at once.
   */
  async agentUpdate(agent: LinkedAgent, event: AgentUpdateEvent, ip: string): Promise<void> {
    await this.audit.record(
      { userId: null, label: `agent ${agent.account.name}`, ip },
      {
        orgId: agent.org.id,
        action: `agents.update_${event.step.replace('-', '_')}`,
        targetType: 'server',
        targetId: agent.account.id,
        detail: { from: event.from, to: event.to, ...(event.reason ? { reason: event.reason } : {}) },
      },
    );
    const before = agent.account.health;
    if (before?.update) {
      const health = { ...before, update: { ...before.update, last: event } };
      await this.accounts.update(agent.org.id, agent.account.id, { health });
      agent.account = { ...agent.account, health };
    }
    await this.publish(agent.org.id, { kind: 'servers' });
  }

  async disconnected(agent: LinkedAgent): Promise<void> {
    // Linked to another hub already (it reconnected there first): that hub holds its presence.
    if (await this.accounts.disconnectFrom(agent.org.id, agent.account.id, this.hubId, this.clock()))
      await this.publish(agent.org.id, { kind: 'servers' });
  }

  /**
   * The agents linked to hub processes that are gone (claimed by this hub: `HubPresence`) are
   * shown Disconnected; they reconnect to another hub by themselves.
   */
  async expireHubs(hubIds: string[]): Promise<number> {
    const orgIds = await this.accounts.disconnectHubs(hubIds);
    for (const orgId of orgIds) await this.publish(orgId, { kind: 'servers' });
    return orgIds.length;
  }

  /**
   * A full inventory. `refusedIds`: devices the agent listed but the hub could not take (they stay
   * as they were, not Down). Devices PostgreSQL refuses are left out and added to `problems`.
   * Returns false when `seq` was already stored (a replay).
   */
  async inventory(
    agent: LinkedAgent,
    seq: number,
    list: LinkDevice[],
    refusedIds: readonly string[] = [],
    problems: LinkItemProblem[] = [],
  ): Promise<boolean> {
    const refused: RefusedItem[] = [];
    const changed = await this.ingest.applyInventory(
      agent.org.id,
      agent.account.id,
      seq,
      list,
      this.clock(),
      { keepIds: refusedIds, refused },
    );
    problems.push(
      ...refused.map((r) => ({ id: r.id, action: 'refused' as const, reason: `not stored: ${r.reason}` })),
    );
    if (changed === null) return false;
    await this.afterIngest(agent, changed, true);
    return true;
  }

  /** A frame of status changes (refused ones added to `problems`). Returns false when `seq` was already stored (a replay). */
  async changes(
    agent: LinkedAgent,
    seq: number,
    changes: LinkChange[],
    problems: LinkItemProblem[] = [],
  ): Promise<boolean> {
    const refused: RefusedItem[] = [];
    const changed = await this.ingest.applyChanges(
      agent.org.id,
      agent.account.id,
      seq,
      changes,
      this.clock(),
      { refused },
    );
    problems.push(
      ...refused.map((r) => ({ id: r.id, action: 'refused' as const, reason: `not stored: ${r.reason}` })),
    );
    if (changed === null) return false;
    await this.afterIngest(
      agent,
      changed,
      changes.some((c) => c.device),
    );
    return true;
  }

  /**
   * Items of a frame the hub repaired or refused: each audited once per hub process (an agent sends
   * the same device in every inventory), at most 20 a frame, so the history says what happened
   * without a flood. Returns the problems not reported before, for the log.
   */
  async frameProblems(
    agent: LinkedAgent,
    problems: readonly LinkItemProblem[],
    ip: string,
  ): Promise<LinkItemProblem[]> {
    const fresh = problems.filter((p) => {
      const key = `${agent.account.id}|${p.action}|${p.id ?? ''}|${p.reason}`;
      if (this.reported.has(key)) return false;
      if (this.reported.size >= maxRememberedProblems) this.reported.clear();
      this.reported.add(key);
      return true;
    });
    for (const p of fresh.slice(0, 20)) {
      await this.audit.record(
        { userId: null, label: `agent ${agent.account.name}`, ip },
        {
          orgId: agent.org.id,
          action: p.action === 'repaired' ? 'agents.device_repaired' : 'agents.device_refused',
          targetType: 'server',
          targetId: agent.account.id,
          detail: { deviceId: p.id, reason: p.reason },
        },
      );
    }
    return fresh;
  }

  /**
   * Presence with expiry: an agent whose hub vanished (no goodbye, no heartbeat for `silenceMs`) is
   * shown Disconnected; it reconnects to another hub by itself. Any hub may run this.
   */
  async expireSilent(silenceMs = 90_000): Promise<number> {
    const orgIds = await this.accounts.disconnectSilent(new Date(this.clock().getTime() - silenceMs));
    for (const orgId of orgIds) await this.publish(orgId, { kind: 'servers' });
    return orgIds.length;
  }

  /**
   * A heartbeat: monitoring state, the enabled subnets when they changed since hello (subnets
   * enabled or disabled in the agent's UI), and the agent's health report when it sends one. The
   * hub adds what it sees itself (the agent's clock against its own, from `sentAt`) and keeps the
   * latest report; the Servers screen hears at once when the monitoring state or the issues change.
   */
  async heartbeat(
    agent: LinkedAgent,
    reported: 'active' | 'issue' | 'off',
    subnets?: { enabled: number; total: number },
    health?: AgentHealth,
    sentAt?: number,
    link: { update?: AgentUpdateInfo; uplinkRttMs?: number | null } = {},
  ): Promise<void> {
    const { update } = link;
    const uplinkRttMs = link.uplinkRttMs ?? null;
    const before = agent.account;
    const now = this.clock();
    // A live link is connected, even if a presence check marked it silent in between.
    const connectedAt = before.connectedAt ?? now;
    const counts = subnets ? { subnetsEnabled: subnets.enabled, subnetsTotal: subnets.total } : {};
    const hubIssues = sentAt === undefined ? [] : clockIssues(sentAt - now.getTime());
    const issues = [...(health?.issues ?? []), ...hubIssues];
    const monitoring = reported === 'active' && issues.length > 0 ? 'issue' : reported;
    const stored =
      health || hubIssues.length > 0 || update || uplinkRttMs !== null
        ? {
            cpuPercent: health ? Math.round(health.cpuPercent * 10) / 10 : null,
            memoryMb: health ? Math.round(health.memoryMb) : null,
            backlog: health?.backlog ?? null,
            issues,
            reportedAt: now.toISOString(),
            ...(update ? { update } : {}),
            ...(uplinkRttMs !== null ? { uplinkRttMs } : {}),
          }
        : null;
    await this.accounts.update(agent.org.id, before.id, {
      lastSeenAt: now,
      monitoring,
      connectedAt,
      hubId: this.hubId,
      health: stored,
      ...counts,
    });
    agent.account = { ...before, monitoring, connectedAt, health: stored, ...counts };
    const subnetsChanged =
      subnets !== undefined &&
      (before.subnetsEnabled !== subnets.enabled || before.subnetsTotal !== subnets.total);
    const codes = (h: { issues: { code: string }[] } | null) => (h?.issues ?? []).map((i) => i.code).join();
    const updateOf = (h: { update?: AgentUpdateInfo } | null) => JSON.stringify(h?.update ?? null);
    if (
      before.monitoring !== monitoring ||
      subnetsChanged ||
      codes(before.health) !== codes(stored) ||
      updateOf(before.health) !== updateOf(stored)
    )
      await this.publish(agent.org.id, { kind: 'servers' });
  }

  private async afterIngest(agent: LinkedAgent, changed: number, membership: boolean): Promise<void> {
    if (membership) {
      const org = (await this.orgs.byId(agent.org.id)) ?? agent.org;
      const parent = org.parentId ? await this.orgs.byId(org.parentId) : undefined;
      await this.devices.applyPlan(org.id, deviceLimit(org, parent, isoDay(this.clock())));
      await this.accounts.update(org.id, agent.account.id, {
        deviceCount: await this.devices.countByServer(agent.account.id),
      });
    }
    if (changed > 0 || membership) {
      await this.publish(agent.org.id, { kind: 'devices', changed });
    }
  }

  private publish(
    orgId: string,
    event: { kind: 'servers' } | { kind: 'devices'; changed: number },
  ): Promise<void> {
    return this.live.publish(orgId, event);
  }
}
