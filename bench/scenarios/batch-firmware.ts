import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firmwareImageHeader } from '@crosspoint/protocol';
import { startChild, type ChildProgram } from '../lib/child-program.ts';
import { sleep, startAgentProbe, type AgentProbe } from '../lib/fleet.ts';
import { apiPost, listHubDevices } from '../lib/hub-watch.ts';
import { hubLinkArgs, startLinkedSite, type LinkedSite } from '../lib/linked-site.ts';
import { round, summarize } from '../lib/stats.ts';
import type { Scenario } from '../lib/scenario.ts';
import { runFirmwareCampaign } from '../lib/firmware-campaign.ts';

const seed = 8;
/** A /16 of loopback of its own (agent-scale 127.90 … soak 127.94). */
const subnetBase = '127.95';
/** The hub's bound on commands in flight per agent (CommandService `perAgentConcurrency`). */
const perAgentBound = 8;
const version = '9.8.7.6';
/** What the campaign installs afterwards. */
const campaignVersion = '9.8.8.0';
/** Shorter life-cycle phases than a real box (8 s update, 5 s restart), so 1,000 fit in minutes. */
const simTiming = { firmwareUpdateMs: 1500, restartMs: 1000 };

interface JobCounts {
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  /** Sum of `percent` over the batch: live progress, as a screen shows it. */
  percentSum: number;
  resent: number;
}

async function jobCounts(linked: LinkedSite, ids: string[]): Promise<JobCounts> {
  const res = await linked.db.client.query<{ status: string; n: number; p: number; resent: number }>(
    `SELECT status, count(*)::int AS n, coalesce(sum(percent), 0)::int AS p, count(*) FILTER (WHERE attempts > 1)::int AS resent
       FROM jobs WHERE id = ANY($1::uuid[]) GROUP BY status`,
    [ids],
  );
  const out: JobCounts = { queued: 0, running: 0, succeeded: 0, failed: 0, percentSum: 0, resent: 0 };
  for (const r of res.rows) {
    if (r.status in out) out[r.status as 'queued'] = r.n;
    out.percentSum += r.p;
    out.resent += r.resent;
  }
  return out;
}

/** The most boxes the agent had in 'Updating Firmware' at once, replaying its status changes in order. */
function maxUpdatingAtOnce(probes: AgentProbe[], keys: Set<string>): number {
  let max = 0;
  for (const probe of probes) {
    const updating = new Set<string>();
    for (const c of probe.changes) {
      if (!keys.has(c.key)) continue;
      if (c.status === 'Updating Firmware') updating.add(c.key);
      else updating.delete(c.key);
      max = Math.max(max, updating.size);
    }
  }
  return max;
}

/**
 * A firmware update of every CONVERGE Pro 2 box of a site (1,000 full, 40 quick) as one batch:
 * the simulator, the real agent and the hub (PostgreSQL) in their own processes. The firmware file
 * is uploaded once and the batch is one API call; the bench follows the jobs in the hub's database
 * (status and percent, as the screens show them), restarts the agent when a third of the batch is
 * done (same data dir: the same agent) and the hub at two thirds (a new process on the same database
 * and port), and waits for the end. Measured: time to finish, devices
 * per minute, per-device job time, the most jobs in flight (hub) and boxes updating at once (agent)
 * against the bound of 8 per agent, how many progress steps a person would have seen, and how many
 * jobs were sent again after the restart. Lost: a job that failed, or a box the simulator does not
 * show on the new version. Then the same boxes once more as a firmware campaign (catalog package,
 * pilot, a wave of the rest, agent and hub restarted midway; lib/firmware-campaign.ts): its time
 * against the ideal, devices not updated (lost) and devices given two updates (must be 0). Baseline: one box alone, same run; ideal = ceil(N / 8) × that.
 */
export const batchFirmwareScenario: Scenario = {
  name: 'batch-firmware',
  description:
    'firmware update of N boxes as one batch: bounded per agent, live progress, agent and hub restarted midway',
  async run({ quick, log }) {
    const config = quick
      ? { devices: 120, boxes: 40, readyTimeoutMs: 60_000, finishTimeoutMs: 300_000 }
      : { devices: 2600, boxes: 1000, readyTimeoutMs: 300_000, finishTimeoutMs: 3_600_000 };
    const agentDir = await mkdtemp(join(tmpdir(), 'cp-bench-batch-agent-'));
    log(
      `simulator: ${config.devices} devices on ${subnetBase}.x.0/24; firmware ${simTiming.firmwareUpdateMs} ms, restart ${simTiming.restartMs} ms`,
    );
    const linked = await startLinkedSite({
      scenario: 'batch_firmware',
      devices: config.devices,
      seed,
      subnetBase,
      readyTimeoutMs: config.readyTimeoutMs,
      simTiming,
      agentArgs: ['--data-dir', agentDir],
      log,
    });
    const { site, hub } = linked;
    const probes: AgentProbe[] = [linked.probe];
    let current = linked.probe;
    let hubChild: ChildProgram = linked.hub.child;
    /** The same agent again (same data dir). */
    const restartAgent = async () => {
      await current.child.stop();
      current = await startAgentProbe(site, 0, config.readyTimeoutMs, undefined, undefined, {
        args: [...hubLinkArgs(hub), '--data-dir', agentDir],
      });
      probes.push(current);
    };
    /**
     * The hub stops (its jobs in flight are left to their leases) and a new hub process takes over
     * on the same database and port: the agent reconnects on its own.
     */
    const restartHub = async () => {
      await hubChild.stop();
      hubChild = await startChild(
        'bench/programs/hub.ts',
        ['--database-url', linked.db.url, '--port', new URL(hub.url).port, '--resume'],
        /hub ready (\{.*\})$/,
        { timeoutMs: 120_000 },
      );
    };
    try {
      const boxes = (await listHubDevices(hub))
        // Boxes: a session of their own (peripherals ride on their host's), and a CP2 model.
        .filter((d) => linked.keyOfSerial.has(d.serial) && /^CONVERGE® Pro 2/.test(d.model))
        .slice(0, config.boxes);
      if (boxes.length < config.boxes)
        throw new Error(`the site has ${boxes.length} boxes, not ${config.boxes}`);
      const keys = new Set(boxes.map((b) => linked.keyOfSerial.get(b.serial) ?? ''));
      const image = Buffer.concat([Buffer.from(firmwareImageHeader(version)), Buffer.alloc(256 * 1024, 7)]);
      const upload = await fetch(
        `${hub.url}/api/v1/orgs/${hub.orgId}/files?name=${encodeURIComponent(`CP2 ${version}.bin`)}&kind=firmware`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/octet-stream' },
          body: image,
        },
      );
      if (!upload.ok)
        throw new Error(`uploading the firmware answered ${upload.status}: ${await upload.text()}`);
      const fileId = ((await upload.json()) as { id: string }).id;
      const run = (
        deviceIds: string[],
        command: Record<string, unknown> = { type: 'firmwareUpdate', fileId },
      ) =>
        apiPost<{ items: { id: string }[] }>(hub, hub.adminToken, `/api/v1/orgs/${hub.orgId}/jobs`, {
          deviceIds,
          command,
          deadlineS: Math.ceil(config.finishTimeoutMs / 1000),
        });
      const waitFor = async (ids: string[], onPoll?: (c: JobCounts, at: number) => Promise<void>) => {
        const until = Date.now() + config.finishTimeoutMs;
        for (;;) {
          const c = await jobCounts(linked, ids);
          await onPoll?.(c, Date.now());
          if (c.succeeded + c.failed === ids.length) return c;
          if (Date.now() > until)
            throw new Error(`the batch is not done after ${config.finishTimeoutMs} ms: ${JSON.stringify(c)}`);
          await sleep(500);
        }
      };

      // Boxes ship with file transfer off: switch it on everywhere first (a batch of its own), as an integrator would.
      const ftpStart = Date.now();
      const ftp = await waitFor(
        (
          await run(
            boxes.map((b) => b.id),
            { type: 'ftp', enabled: true },
          )
        ).items.map((j) => j.id),
      );
      const ftpMs = Date.now() - ftpStart;
      if (ftp.failed > 0) throw new Error(`enabling file transfer failed on ${ftp.failed} boxes`);
      log(`file transfer enabled on ${boxes.length} boxes in ${ftpMs} ms`);

      // Baseline: one box alone.
      const [first] = boxes;
      const aloneStart = Date.now();
      const alone = await run([first?.id ?? '']);
      await waitFor(alone.items.map((j) => j.id));
      const aloneMs = Date.now() - aloneStart;
      log(`one box alone: ${aloneMs} ms`);

      const rest = boxes.slice(1);
      log(`batch: ${rest.length} boxes, one request`);
      const started = Date.now();
      const batch = await run(rest.map((b) => b.id));
      const ids = batch.items.map((j) => j.id);
      let maxRunning = 0;
      const percentSteps = new Set<number>();
      let restartedAt: number | undefined;
      let restartDoneMs = 0;
      let hubRestartedAt: number | undefined;
      let hubRestartMs = 0;
      let lastLog = started;
      const end = await waitFor(ids, async (c, at) => {
        maxRunning = Math.max(maxRunning, c.running);
        percentSteps.add(c.percentSum);
        if (at - lastLog > 10_000) {
          lastLog = at;
          log(`${c.succeeded + c.failed}/${ids.length} done, ${c.running} in flight`);
        }
        if (restartedAt === undefined && c.succeeded >= ids.length / 3) {
          restartedAt = at;
          log(`restarting the agent at ${c.succeeded}/${ids.length} done`);
          await restartAgent();
          restartDoneMs = Date.now() - at;
        } else if (hubRestartedAt === undefined && c.succeeded >= (ids.length * 2) / 3) {
          hubRestartedAt = at;
          log(`restarting the hub at ${c.succeeded}/${ids.length} done`);
          await restartHub();
          hubRestartMs = Date.now() - at;
        }
      });
      const totalMs = Date.now() - started;
      const durations = await linked.db.client.query<{ ms: number }>(
        `SELECT (extract(epoch FROM finished_at - created_at) * 1000)::float8 AS ms FROM jobs WHERE id = ANY($1::uuid[]) AND status = 'succeeded'`,
        [ids],
      );
      const reasons = await linked.db.client.query<{ why: string; n: number }>(
        `SELECT coalesce(error->>'code', '?') || ': ' || coalesce(error->>'message', '?') AS why, count(*)::int AS n
           FROM jobs WHERE id = ANY($1::uuid[]) AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC`,
        [ids],
      );
      for (const r of reasons.rows) log(`failed: ${r.n} × ${r.why}`);
      const simDevices = (await (await fetch(`${site.controlUrl}/devices`)).json()) as {
        devices: { serial?: string; firmware?: string }[];
      };
      const serials = new Set(boxes.map((b) => b.serial));
      const updated = simDevices.devices.filter(
        (d) => d.serial !== undefined && serials.has(d.serial) && d.firmware === version,
      ).length;
      const notUpdated = boxes.length - updated;
      const updatingAtOnce = maxUpdatingAtOnce(probes, keys);
      // The same boxes once more, as a campaign: pilot, then a wave of the rest, restarts midway.
      const campaign = await runFirmwareCampaign({
        linked,
        hub,
        from: version,
        to: campaignVersion,
        devices: boxes.length,
        pilot: quick ? 4 : 20,
        aloneMs,
        perAgentBound,
        finishTimeoutMs: config.finishTimeoutMs,
        restartAgent,
        restartHub,
        log,
      });
      const idealMs = Math.ceil(rest.length / perAgentBound) * aloneMs;
      const perMinute = (rest.length / totalMs) * 60_000;
      const jobMs = summarize(durations.rows.map((r) => r.ms));
      return {
        config: {
          ...config,
          batch: rest.length,
          perAgentBound,
          simTiming,
          imageBytes: image.length,
          agentRestartedAtDone: Math.round(ids.length / 3),
          hubRestartedAtDone: Math.round((ids.length * 2) / 3),
        },
        figures: {
          ftpEnableMs: ftpMs,
          totalMs,
          devicesPerMinute: perMinute,
          jobMs,
          maxJobsInFlight: maxRunning,
          maxBoxesUpdatingAtOnce: updatingAtOnce,
          progressStepsSeen: percentSteps.size,
          resentAfterRestart: end.resent,
          agentRestartMs: restartDoneMs,
          hubRestartMs,
          failed: end.failed,
          notUpdated,
          campaignMs: campaign.totalMs,
          campaignPilotMs: campaign.pilotMs,
          campaignIdealMs: campaign.ideal,
          campaignAgentRestartMs: campaign.agentRestartMs,
          campaignHubRestartMs: campaign.hubRestartMs,
          campaignUpdatedTwice: campaign.updatedTwice,
          campaignLost: campaign.lost,
        },
        baseline: {
          description: `one box alone, same run; ideal batch time = ceil(N / ${perAgentBound}) × that`,
          figures: { aloneMs, idealMs },
        },
        ratios: { totalVsIdeal: totalMs / idealMs, campaignVsIdeal: campaign.totalMs / campaign.ideal },
        targets: [
          {
            // Seen at the agent: boxes in 'Updating Firmware' at once. (The hub's 'running' count can
            // pass the bound for a moment after a hub restart: jobs handed back stay 'running' until
            // the new hub takes them.)
            name: 'boxes updating at once on one agent (bounded)',
            target: `≤ ${perAgentBound}`,
            measured: updatingAtOnce,
            unit: 'boxes',
            met: updatingAtOnce <= perAgentBound,
          },
          {
            name: 'boxes finished after an agent and a hub restart midway',
            target: `${rest.length} of ${rest.length}`,
            measured: end.succeeded,
            unit: 'boxes',
            met: end.succeeded === rest.length && notUpdated === 0,
          },
          {
            name: 'live progress steps seen while it ran',
            target: '> 10',
            measured: percentSteps.size,
            unit: 'steps',
            met: percentSteps.size > 10,
          },
          {
            name: 'campaign: devices updated after an agent and a hub restart midway',
            target: `${boxes.length} of ${boxes.length}, status completed`,
            measured: boxes.length - campaign.lost,
            unit: 'devices',
            met: campaign.lost === 0 && campaign.status === 'completed',
          },
          {
            name: 'campaign: devices given a second update',
            target: '0',
            measured: campaign.updatedTwice,
            unit: 'devices',
            met: campaign.updatedTwice === 0,
          },
        ],
        lost: end.failed + notUpdated + campaign.lost,
        details: { failures: reasons.rows, campaign },
        table: [
          [
            'batch',
            `${rest.length} boxes in ${round(totalMs / 1000)} s (${round(perMinute)} a minute); ideal ${round(idealMs / 1000)} s (× ${round(totalMs / idealMs)})`,
          ],
          ['one box alone', `${round(aloneMs)} ms`],
          ['job time p50 / p95', `${round(jobMs.p50 / 1000)} / ${round(jobMs.p95 / 1000)} s`],
          [
            'in flight max (hub) / updating at once (agent)',
            `${maxRunning} / ${updatingAtOnce} (bound ${perAgentBound})`,
          ],
          [
            'agent restarted at 1/3, hub at 2/3',
            `agent back in ${round(restartDoneMs / 1000)} s, new hub up in ${round(hubRestartMs / 1000)} s; ${end.resent} jobs sent again`,
          ],
          ['failed / not on the new version', `${end.failed} / ${notUpdated}`],
          [
            'campaign (pilot, then the rest; restarts at 1/3 and 2/3)',
            `${boxes.length} boxes in ${round(campaign.totalMs / 1000)} s, ideal ${round(campaign.ideal / 1000)} s; pilot passed in ${round(campaign.pilotMs / 1000)} s; ${campaign.status}, lost ${campaign.lost}, updated twice ${campaign.updatedTwice}`,
          ],
        ],
      };
    } finally {
      await current.child.stop().catch(() => undefined);
      if (hubChild !== linked.hub.child) await hubChild.stop().catch(() => undefined);
      await linked.stop();
      await rm(agentDir, { recursive: true, force: true });
    }
  },
};
