import { createHash } from 'node:crypto';
import { firmwareImageHeader, modelsOfFamily, type Campaign } from '@crosspoint/protocol';
import { apiGet, type HubProcess } from './hub-process.ts';
import { apiPost } from './hub-watch.ts';
import type { LinkedSite } from './linked-site.ts';
import { sleep } from './fleet.ts';
import { round } from './stats.ts';

export interface CampaignRun {
  totalMs: number;
  /** From creation until the wave after the pilot started. */
  pilotMs: number;
  status: Campaign['status'];
  haltReason: string | null;
  waves: { total: number; updated: number; failed: number }[];
  /** Devices that got more than one update job from the campaign (never more than 0). */
  updatedTwice: number;
  /** Campaign devices not updated at the end (failed, or still pending/under way). */
  lost: number;
  agentRestartMs: number;
  hubRestartMs: number;
  ideal: number;
}

/**
 * A firmware campaign over the boxes the batch updated (their current version): the catalog gets a
 * package (upload, publish), a campaign with a pilot and a wave of the rest runs through the
 * campaign engine on the hub, the agent is restarted when a third of the devices are updated and
 * the hub at two thirds. Measured: time to the end against the ideal (the pilot, then the rest, at
 * the per-agent bound, from the time of one box alone), the pilot until the wave started, devices
 * given two update jobs (must be 0), devices not updated (lost).
 */
export async function runFirmwareCampaign(o: {
  linked: LinkedSite;
  hub: HubProcess & { adminToken: string };
  /** The version the boxes run now (the campaign takes exactly those). */
  from: string;
  to: string;
  devices: number;
  pilot: number;
  aloneMs: number;
  perAgentBound: number;
  finishTimeoutMs: number;
  restartAgent: () => Promise<void>;
  restartHub: () => Promise<void>;
  log: (line: string) => void;
}): Promise<CampaignRun> {
  const { hub } = o;
  const image = Buffer.concat([Buffer.from(firmwareImageHeader(o.to)), Buffer.alloc(256 * 1024, 9)]);
  const upload = await fetch(
    `${hub.url}/api/v1/orgs/${hub.orgId}/files?name=${encodeURIComponent(`CP2 ${o.to}.bin`)}&kind=firmware`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/octet-stream' },
      body: image,
    },
  );
  if (!upload.ok) throw new Error(`uploading the package answered ${upload.status}: ${await upload.text()}`);
  const fileId = ((await upload.json()) as { id: string }).id;
  const pkg = await apiPost<{ id: string }>(
    hub,
    hub.adminToken,
    `/api/v1/orgs/${hub.orgId}/firmware/packages`,
    {
      fileId,
      models: modelsOfFamily('cp2'),
      version: o.to,
      releaseNotes: 'bench',
      sha256: createHash('sha256').update(image).digest('hex'),
    },
  );
  // The batch before ended when its jobs did; a box's new version reaches the hub with its next facts
  // (a restart in between can delay them): wait until the hub sees every box on `from`.
  const onFrom = async () =>
    (
      await apiGet<{ items: { firmware: string }[] }>(
        hub,
        `/api/v1/orgs/${hub.orgId}/devices?limit=500&search=${encodeURIComponent(o.from)}`,
        hub.adminToken,
      ).catch(() => ({ items: [] }))
    ).items.filter((d) => d.firmware === o.from).length;
  for (let waited = 0; (await onFrom()) < o.devices && waited < 60_000; waited += 500) await sleep(500);
  const started = Date.now();
  const created = await apiPost<Campaign>(
    hub,
    hub.adminToken,
    `/api/v1/orgs/${hub.orgId}/firmware/campaigns`,
    {
      name: `bench ${o.to}`,
      packageId: pkg.id,
      filter: { families: ['cp2'], versions: [o.from] },
      pilot: o.pilot,
      waves: [],
      successThreshold: 95,
      errorThreshold: 10,
      healthGateMinutes: 10,
    },
  );
  const total = created.waves.reduce((n, w) => n + w.total, 0);
  if (total !== o.devices) throw new Error(`the campaign took ${total} devices, not ${o.devices}`);
  o.log(`campaign: ${total} devices, pilot ${o.pilot}, then a wave of ${total - o.pilot}`);
  let pilotMs = 0;
  let agentRestartMs = 0;
  let hubRestartMs = 0;
  let agentRestarted = false;
  let hubRestarted = false;
  let lastLog = started;
  const deadline = started + o.finishTimeoutMs;
  const read = () =>
    apiGet<Campaign>(hub, `/api/v1/orgs/${hub.orgId}/firmware/campaigns/${created.id}`, hub.adminToken).catch(
      () => undefined, // the hub is restarting
    );
  let c: Campaign | undefined;
  for (;;) {
    await sleep(500);
    const seen = await read();
    if (!seen) continue;
    c = seen;
    const updated = c.waves.reduce((n, w) => n + w.updated, 0);
    if (!pilotMs && c.currentWave > 0) pilotMs = Date.now() - started;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      o.log(`campaign: ${updated}/${total} updated, wave ${c.currentWave}, ${c.status}`);
    }
    if (c.status === 'completed' || c.status === 'halted' || c.status === 'aborted') break;
    if (!agentRestarted && updated >= total / 3) {
      agentRestarted = true;
      o.log(`campaign: restarting the agent at ${updated}/${total}`);
      const at = Date.now();
      await o.restartAgent();
      agentRestartMs = Date.now() - at;
    } else if (!hubRestarted && updated >= (total * 2) / 3) {
      hubRestarted = true;
      o.log(`campaign: restarting the hub at ${updated}/${total}`);
      const at = Date.now();
      await o.restartHub();
      hubRestartMs = Date.now() - at;
    }
    if (Date.now() > deadline) throw new Error(`the campaign is not done after ${o.finishTimeoutMs} ms`);
  }
  const end = c;
  const totalMs = Date.now() - started;
  const twice = await o.linked.db.client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT device_id FROM jobs WHERE command->>'fileId' = $1 GROUP BY device_id HAVING count(*) > 1) t`,
    [fileId],
  );
  const updated = end.waves.reduce((n, w) => n + w.updated, 0);
  const ideal =
    (Math.ceil(o.pilot / o.perAgentBound) + Math.ceil((total - o.pilot) / o.perAgentBound)) * o.aloneMs;
  o.log(
    `campaign ${end.status} in ${round(totalMs / 1000)} s (ideal ${round(ideal / 1000)} s): ${updated}/${total} updated`,
  );
  return {
    totalMs,
    pilotMs,
    status: end.status,
    haltReason: end.haltReason,
    waves: end.waves.map((w) => ({ total: w.total, updated: w.updated, failed: w.failed })),
    updatedTwice: twice.rows[0]?.n ?? 0,
    lost: total - updated,
    agentRestartMs,
    hubRestartMs,
    ideal,
  };
}
