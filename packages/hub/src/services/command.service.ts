import { randomUUID } from 'node:crypto';
import {
  fileCommands,
  type DeviceCommandRequest,
  type Job,
  type RunCommandRequest,
} from '@crosspoint/protocol';
import type { CommandFileService } from './command-file.service.ts';
import { BusError, type EventBus } from '../bus/event-bus.ts';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { JobRecord, JobRepository } from '../repositories/job.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from './context.ts';
import type { LiveEvents } from './live-events.ts';
import { ServiceError } from './service-error.ts';

/** Subject on which the hub holding an agent's link answers commands for it. */
export const agentCommandSubject = (serverId: string): string => `agent.${serverId}.cmd`;
/** Requests to the agent itself (not to a device): "update now". Answered by the hub holding its link. */
export const agentControlSubject = (serverId: string): string => `agent.${serverId}.control`;

/** A command as the agent gets it: a file command also names its file, which the agent fetches. */
export type AgentCommand = DeviceCommandRequest & { fileName?: string };

export interface AgentCommandRequest {
  jobId: string;
  orgId: string;
  agentDeviceId: string;
  command: AgentCommand;
  deadline: number;
}
export interface AgentCommandAnswer {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/**
 * What other parts of the hub do around jobs (configuration versions, #20): a backup before a change
 * is sent, and something once a job has ended.
 */
export interface CommandHooks {
  /** A change (`changeCommands`) is about to be sent to the device: resolves once a backup was taken or given up. */
  beforeChange?: (ctx: OrgContext, deviceId: string, command: string) => Promise<void>;
  /** A job ended (on whichever hub ended it). */
  finished?: (job: JobRecord) => Promise<void>;
}

/** Commands that replace a device's configuration or firmware: a backup is taken first. */
export const changeCommands: readonly string[] = ['loadConfig', 'restoreConfig', 'firmwareUpdate'];

/** Commands in flight per agent from this hub: many devices at once, but gently. */
const perAgentConcurrency = 8;

/** What a job's stored command lacks to be sent again: a password, never kept. */
const redacted = '••••';

/**
 * Device commands: authorized, audited, kept as jobs, routed over the bus to whichever hub holds the
 * agent's link. A command for an offline agent waits until its deadline, then fails clearly.
 *
 * Jobs survive restarts: each unfinished job is leased to the hub process dispatching it, which
 * renews its leases while it runs. A job whose lease ran out (its hub stopped or died) is taken over
 * by any hub and sent again (a hub that stops hands its jobs back at once); a job whose agent disconnected mid-command is sent again when the agent
 * is back — both until the job's deadline.
 */
export class CommandService {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  /** This hub process, as the owner of its job leases. */
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private sweepRun: Promise<void> = Promise.resolve();
  /** Once stopping, dispatches give up quietly: their leases run out and another hub goes on. */
  private stopped = false;
  private hooks: CommandHooks = {};

  constructor(
    private readonly jobs: JobRepository,
    private readonly devices: DeviceRepository,
    private readonly files: CommandFileService,
    private readonly bus: EventBus,
    private readonly live: LiveEvents,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly onError: (e: unknown) => void = () => undefined,
    /** Short: a hub that died (kill -9, power) has its jobs taken over within seconds. A job sent again is safe: agents run a job once by its id. */
    private readonly leaseMs = 9_000,
    /**
     * How long one send waits for its answer before sending again (until the deadline): the hub
     * holding the agent's link may die with the command, and the agent, linked again elsewhere,
     * joins the copy it runs or answers with the result it kept (it runs a job once by its id).
     */
    private readonly attemptMs = 15_000,
  ) {}

  setHooks(hooks: CommandHooks): void {
    this.hooks = hooks;
  }

  /** Renews this hub's leases and takes over orphaned jobs, every third of a lease. */
  start(): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
    void this.sweep();
  }

  /** Read through a method: the flag changes while a dispatch awaits. */
  private isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Once stopped: hands this hub's unfinished jobs back, so another hub (or this one restarted)
   * sends them again at once rather than when their leases run out. Waits for a sweep in progress
   * first, so it cannot renew the leases just handed back.
   */
  async releaseLeases(): Promise<number> {
    await this.sweepRun;
    return this.jobs.releaseLeases(this.owner);
  }

  private sweep(): Promise<void> {
    if (this.sweeping) return this.sweepRun;
    this.sweepRun = this.sweepOnce();
    return this.sweepRun;
  }

  private async sweepOnce(): Promise<void> {
    this.sweeping = true;
    try {
      const now = this.clock();
      const until = new Date(now.getTime() + this.leaseMs);
      await this.jobs.renewLeases(this.owner, until);
      for (const job of await this.jobs.claimOrphans(this.owner, now, until, 200)) {
        const command = job.command as AgentCommand;
        if (job.deadline <= now)
          await this.finish(job, false, {
            code: 'AGENT_OFFLINE',
            message: 'The job was not done before its deadline (its hub stopped).',
          });
        else if (JSON.stringify(command).includes(redacted)) {
          await this.finish(job, false, {
            code: 'HUB_RESTARTED',
            message:
              'The hub restarted before this command was done; it carries a password the hub does not keep: run it again.',
          });
        } else if (!job.serverId || !job.agentDeviceId)
          await this.finish(job, false, {
            code: 'UNASSIGNED',
            message: 'The device has no server: its agent account was deleted.',
          });
        else void this.dispatch(job, job.serverId, job.agentDeviceId, command).catch(this.onError);
      }
    } catch (e) {
      this.onError(e);
    } finally {
      this.sweeping = false;
    }
  }

  /** Runs a command on devices, a job each; `onCreated` hears of each job before it is sent. */
  async run(
    ctx: OrgContext,
    req: RunCommandRequest,
    onCreated?: (job: JobRecord) => Promise<void>,
  ): Promise<Job[]> {
    requirePermission(ctx, 'devices.command');
    const deadline = new Date(this.clock().getTime() + (req.deadlineS ?? 120) * 1000);
    let command: AgentCommand = req.command;
    if (req.command.type === 'firmwareUpdate' || req.command.type === 'loadConfig') {
      const file = await this.files.forCommand(
        ctx.org.id,
        req.command.fileId,
        fileCommands[req.command.type],
      );
      command = { ...req.command, fileName: file.name };
    }
    const targets = [];
    for (const id of req.deviceIds) {
      const device = await this.devices.byId(ctx.org.id, id);
      if (!device) throw ServiceError.notFound('The device');
      targets.push(device);
    }
    const created: JobRecord[] = [];
    for (const device of targets) {
      const job = await this.jobs.create({
        orgId: ctx.org.id,
        deviceId: device.id,
        command: redact(command),
        createdBy: ctx.actor.label,
        deadline,
        leaseOwner: this.owner,
        leaseUntil: new Date(this.clock().getTime() + this.leaseMs),
      });
      await this.audit.record(ctx.actor, {
        orgId: ctx.org.id,
        action: 'devices.command',
        targetType: 'device',
        targetId: device.id,
        detail: {
          job: job.id,
          command: req.command.type,
          device: device.name,
          ...(command.fileName ? { file: command.fileName } : {}),
        },
      });
      created.push(job);
      await onCreated?.(job);
      if (!device.serverId) {
        created[created.length - 1] =
          (await this.finish(job, false, {
            code: 'UNASSIGNED',
            message: 'The device has no server: its agent account was deleted.',
          })) ?? job;
        continue;
      }
      const serverId = device.serverId;
      const before = this.hooks.beforeChange;
      if (before && changeCommands.includes(command.type)) {
        await this.jobs.update(job.id, { phase: 'backing up the configuration first' });
        void before(ctx, device.id, command.type)
          .catch(this.onError)
          .then(() => this.dispatch(job, serverId, device.agentDeviceId, command))
          .catch(this.onError);
      } else void this.dispatch(job, serverId, device.agentDeviceId, command).catch(this.onError);
    }
    return created.map(jobView);
  }

  async get(ctx: OrgContext, id: string): Promise<Job> {
    requirePermission(ctx, 'devices.read');
    const job = await this.jobs.byId(ctx.org.id, id);
    if (!job) throw ServiceError.notFound('The job');
    return jobView(job);
  }

  async recent(ctx: OrgContext, deviceId: string | undefined): Promise<Job[]> {
    requirePermission(ctx, 'devices.read');
    return (await this.jobs.recent(ctx.org.id, deviceId, 50)).map(jobView);
  }

  /**
   * A result the agent sent on a link no send of this job waits on (it got it while disconnected,
   * or after the hub that sent the command died): accepted on any link, if the job is one of this
   * agent's and has not ended. Returns whether it ended the job.
   */
  async resultFromAgent(serverId: string, jobId: string, answer: AgentCommandAnswer): Promise<boolean> {
    const job = await this.jobs.openForServer(jobId, serverId);
    if (!job) return false;
    return (await this.finish(job, answer.ok, answer.error, answer.result)) !== undefined;
  }

  /** Progress reported by the agent (through whichever hub holds its link). */
  async progress(orgId: string, jobId: string, percent: number, phase: string): Promise<void> {
    await this.jobs.update(jobId, {
      status: 'running',
      percent: Math.round(percent),
      phase: phase.slice(0, 80),
    });
    await this.live.publish(orgId, { kind: 'jobs', jobId });
  }

  private async dispatch(
    job: JobRecord,
    serverId: string,
    agentDeviceId: string,
    command: AgentCommand,
  ): Promise<void> {
    await this.acquire(serverId);
    try {
      if (this.isStopped()) return;
      await this.jobs.update(job.id, { status: 'running', phase: 'sent to the agent' });
      for (;;) {
        if (this.isStopped()) return;
        const left = job.deadline.getTime() - this.clock().getTime();
        if (left <= 0) {
          await this.finish(job, false, {
            code: 'AGENT_OFFLINE',
            message: 'The agent was not connected before the deadline.',
          });
          return;
        }
        try {
          const request: AgentCommandRequest = {
            jobId: job.id,
            orgId: job.orgId,
            agentDeviceId,
            command,
            deadline: job.deadline.getTime(),
          };
          const attempt = await this.jobs.countAttempt(job.id);
          const slice = Math.min(left, this.attemptMs);
          let answer: AgentCommandAnswer;
          try {
            answer = (await this.bus.request(
              agentCommandSubject(serverId),
              request,
              slice,
            )) as AgentCommandAnswer;
          } catch (e) {
            if (!(e instanceof BusError && e.code === 'TIMEOUT' && slice < left)) throw e;
            continue; // sent again; the phase stays what the agent last reported
          }
          if (!answer.ok && answer.error?.code === 'DEVICE_UNREACHABLE' && attempt > 1) {
            // Sent again after a restart or a lost link: the device may still be coming back from
            // what the first send started (a firmware apply, a restart). Try again until the deadline.
            await this.jobs.update(job.id, { phase: 'waiting for the device to come back' });
            await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(50, left))));
            continue;
          }
          if (!answer.ok && answer.error?.code === 'AGENT_DISCONNECTED') {
            // The agent went away mid-command (restart, network): send it again once it is back.
            await this.jobs.update(job.id, { phase: 'the agent disconnected; waiting for it to reconnect' });
            await this.live.publish(job.orgId, { kind: 'jobs', jobId: job.id });
            await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(50, left))));
            continue;
          }
          await this.finish(job, answer.ok, answer.error, answer.result);
          return;
        } catch (e) {
          if (this.isStopped() || (e instanceof BusError && e.code === 'CLOSED')) return;
          if (e instanceof BusError && (e.code === 'NO_RESPONDERS' || e.code === 'DISCONNECTED')) {
            await this.jobs.update(job.id, { phase: 'waiting for the agent to connect' });
            await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(50, left))));
            continue;
          }
          const message =
            e instanceof BusError && e.code === 'TIMEOUT'
              ? 'The agent did not finish before the deadline.'
              : (e as Error).message;
          await this.finish(job, false, { code: e instanceof BusError ? e.code : 'FAILED', message });
          return;
        }
      }
    } finally {
      this.release(serverId);
    }
  }

  private async finish(
    job: JobRecord,
    ok: boolean,
    error?: { code: string; message: string },
    result?: unknown,
  ): Promise<JobRecord | undefined> {
    const done = await this.jobs.finishOpen(job.id, {
      status: ok ? 'succeeded' : 'failed',
      percent: ok ? 100 : job.percent,
      phase: ok ? 'done' : 'failed',
      result: ok ? (result ?? null) : null,
      error: ok ? null : (error ?? { code: 'FAILED', message: 'The command failed.' }),
      finishedAt: this.clock(),
      leaseOwner: null,
      leaseUntil: null,
    });
    if (!done) return undefined; // ended already, by another hub or an answer on another link
    await this.live.publish(job.orgId, { kind: 'jobs', jobId: job.id });
    if (this.hooks.finished) await this.hooks.finished(done).catch(this.onError);
    return done;
  }

  private async acquire(serverId: string): Promise<void> {
    const n = this.inFlight.get(serverId) ?? 0;
    if (n < perAgentConcurrency) {
      this.inFlight.set(serverId, n + 1);
      return;
    }
    await new Promise<void>((resolve) => {
      const queue = this.waiting.get(serverId) ?? [];
      queue.push(resolve);
      this.waiting.set(serverId, queue);
    });
  }

  private release(serverId: string): void {
    const next = this.waiting.get(serverId)?.shift();
    if (next) next();
    else this.inFlight.set(serverId, (this.inFlight.get(serverId) ?? 1) - 1);
  }
}

/** Secrets in commands (device passwords) never reach the job table. */
function redact(command: AgentCommand): Record<string, unknown> {
  return 'password' in command ? { ...command, password: redacted } : { ...command };
}

function jobView(j: JobRecord): Job {
  return {
    id: j.id,
    deviceId: j.deviceId,
    command: j.command,
    status: j.status,
    percent: j.percent,
    phase: j.phase,
    result: j.result ?? null,
    error: j.error ?? null,
    createdBy: j.createdBy,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
