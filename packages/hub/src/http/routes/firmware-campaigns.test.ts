// Firmware catalog and campaigns against a real hub (PGlite), a scripted agent and an injected
// clock: the engine runs when the test says (campaignTickMs 0), jobs go through the command
// service as any job does.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firmwareImageHeader,
  type Campaign,
  type FirmwarePackage,
  type LinkDevice,
} from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { buildTenancy, register, signedIn, type Tenancy } from '../../test/tenancy-fixture.ts';
import { connectAgent, relink, until, type LinkedSite } from '../../test/alert-fixture.ts';
import { linkDevice } from '../../test/fake-agent.ts';
import { tempDir } from '../../test/temp-dir.ts';
import { startHttpReceiver } from '../../test/http-receiver.ts';
import { newestMail } from '../../test/mail-capture.ts';
import type { ApiClient } from '../../test/api-client.ts';
import { sql } from 'drizzle-orm';
import { CampaignEngine } from '../../services/firmware/campaign-engine.ts';
import { FirmwareCampaignRepository } from '../../repositories/firmware-campaign.repository.ts';
import { FirmwarePackageRepository } from '../../repositories/firmware-package.repository.ts';
import { rowsOf } from '../../repositories/raw-rows.ts';

const model = 'CONVERGE® Pro 2 128V';
const device = (n: number, firmware = '8.3.15.0'): LinkDevice => ({
  ...linkDevice(n),
  id: `cp2-FW${String(n).padStart(4, '0')}`,
  serial: `7777-${String(n).padStart(4, '0')}-01`,
  model,
  firmware,
  name: `Board room ${String(n).padStart(2, '0')}`,
});

/**
 * Answers firmware updates the way a device does: the new version is reported (a delta with the
 * device) before the job succeeds; an image named "bad" is refused; `silent` devices succeed but
 * never come back with the new version (the health gate fails them).
 */
function answerUpdates(site: LinkedSite, devices: LinkDevice[]) {
  const sent = new Map<string, number>();
  const silent = new Set<string>();
  const state = { stopped: false };
  void (async () => {
    while (!state.stopped && !site.agent.closed) {
      const frame = await site.agent.next('command').catch(() => undefined);
      if (!frame) continue;
      if (frame.command.type !== 'firmwareUpdate') {
        // Other jobs (a configuration backup before the update, the nightly one) just succeed.
        site.agent.send({ type: 'command-result', commandId: frame.commandId, ok: true, result: {} });
        continue;
      }
      sent.set(frame.deviceId, (sent.get(frame.deviceId) ?? 0) + 1);
      const fileName = String(frame.command.fileName);
      const version = /(\d+\.\d+\.\d+\.\d+)/.exec(fileName)?.[1] ?? '';
      if (fileName.includes('bad')) {
        site.agent.send({
          type: 'command-result',
          commandId: frame.commandId,
          ok: false,
          error: { code: 'FIRMWARE_REJECTED', message: 'The box refused the image (checksum).' },
        });
        continue;
      }
      const d = devices.find((x) => x.id === frame.deviceId);
      if (d && !silent.has(d.id)) {
        d.firmware = version;
        const seq = site.seq();
        const at = Date.now();
        site.agent.send({
          type: 'deltas',
          seq,
          changes: [{ id: d.id, status: 'Healthy', since: at, at, device: d }],
        });
      }
      site.agent.send({
        type: 'command-result',
        commandId: frame.commandId,
        ok: true,
        result: { firmware: version },
      });
    }
  })();
  return {
    sent,
    silent,
    stop: () => {
      state.stopped = true;
    },
  };
}

async function publish(owner: ApiClient, orgId: string, version: string, name = `cp2-${version}.bin`) {
  const image = Buffer.concat([firmwareImageHeader(version), Buffer.alloc(4096, 1)]);
  const file = await owner.request<{ id: string }>(
    'POST',
    `/api/v1/orgs/${orgId}/files?name=${name}&kind=firmware`,
    image,
  );
  expect(file.status).toBe(201);
  const pkg = await owner.post<FirmwarePackage>(`/api/v1/orgs/${orgId}/firmware/packages`, {
    fileId: file.body.id,
    models: ['CP2_128V'],
    version,
    releaseNotes: `Release ${version}`,
    sha256: createHash('sha256').update(image).digest('hex'),
  });
  expect(pkg.status, JSON.stringify(pkg.body)).toBe(201);
  return pkg.body;
}

/** Waits until `n` firmware jobs of the organization ended (of its 50 newest jobs). */
const jobsEnded = (owner: ApiClient, orgId: string, n: number) =>
  until(`${String(n)} jobs done`, async () => {
    const jobs = await owner.get<{ items: { status: string; command: { type?: string } }[] }>(
      `/api/v1/orgs/${orgId}/jobs`,
    );
    const done = jobs.body.items.filter(
      (j) => j.command.type === 'firmwareUpdate' && (j.status === 'succeeded' || j.status === 'failed'),
    ).length;
    return done >= n ? done : undefined;
  });

describe('a campaign across a hub restart', () => {
  it('goes on where it was: the restarted hub judges the pilot and starts the wave, nobody is sent twice', async () => {
    const now = new Date('2026-12-07T02:00:00Z');
    const dir = await tempDir('cp-firmware-restart');
    const options = {
      database: { kind: 'pglite' as const, dataDir: dir.path },
      clock: () => now,
      campaignTickMs: 0,
      jobLeaseMs: 600,
    };
    let hub = await startHubForTest(options);
    const t = await buildTenancy(hub, 'fwr');
    const devices = Array.from({ length: 4 }, (_, i) => device(i + 1));
    const site = await connectAgent(hub, t.support.owner, t.client.id, 'Rack R', devices);
    const first = answerUpdates(site, devices);
    const pkg = await publish(t.support.owner, t.support.id, '8.4.0.1');
    const created = await t.support.owner.post<Campaign>(`/api/v1/orgs/${t.support.id}/firmware/campaigns`, {
      name: 'Across a restart',
      packageId: pkg.id,
      filter: {},
      pilot: 2,
      waves: [],
      successThreshold: 100,
      errorThreshold: 50,
      healthGateMinutes: 10,
    });
    await hub.services.campaignTicks.start();
    await jobsEnded(t.support.owner, t.client.id, 2);
    // The hub stops before its engine saw the pilot's jobs end; the agent goes with it.
    first.stop();
    site.agent.close();
    await site.agent.waitClosed();
    await hub.close();

    hub = await startHubForTest(options);
    try {
      const owner = await signedIn(hub, t.support.ownerEmail);
      const again = await relink(hub, site.login, 'Rack R');
      const second = answerUpdates(again, devices);
      const read = async () =>
        (await owner.get<Campaign>(`/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.body.id}`))
          .body;
      await hub.services.campaignTicks.start();
      const after = await read();
      expect(after.waves[0]).toMatchObject({ updated: 2 });
      expect(after.waves[1]).toMatchObject({ running: 2, pending: 0 });
      await jobsEnded(owner, t.client.id, 4);
      await hub.services.campaignTicks.start();
      expect((await read()).status).toBe('completed');
      const sends = [...first.sent, ...second.sent];
      expect(sends.map(([id]) => id).sort()).toEqual(devices.map((d) => d.id).sort());
      expect(sends.every(([, n]) => n === 1)).toBe(true);
      second.stop();
      again.agent.close();
    } finally {
      await hub.close();
      await dir.remove();
    }
  }, 60_000);
});

describe('firmware catalog and campaigns', () => {
  let now = new Date('2026-12-07T02:00:00Z');
  const clock = () => now;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: HubUnderTest;
  let t: Tenancy;
  let site: LinkedSite;
  let devices: LinkDevice[];
  let answers: ReturnType<typeof answerUpdates>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;

  const tick = () => hub.services.campaignTicks.start();
  /** Starts a campaign of the support organization: pilot 1, no more waves, thresholds 100 %, gate 10 min unless said. */
  const start = async (name: string, packageId: string | undefined, o: Record<string, unknown> = {}) => {
    const res = await t.support.owner.post<Campaign>(`/api/v1/orgs/${t.support.id}/firmware/campaigns`, {
      name,
      packageId,
      filter: {},
      pilot: 1,
      waves: [],
      successThreshold: 100,
      errorThreshold: 100,
      healthGateMinutes: 10,
      ...o,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const campaign = async (id: string) =>
    (await t.support.owner.get<Campaign>(`/api/v1/orgs/${t.support.id}/firmware/campaigns/${id}`)).body;
  const jobsDone = (orgId: string, n: number) => jobsEnded(t.support.owner, orgId, n);

  beforeAll(async () => {
    dir = await tempDir('cp-firmware');
    hub = await startHubForTest({
      database: { kind: 'pglite', dataDir: dir.path },
      clock,
      campaignTickMs: 0,
      jobLeaseMs: 600,
      config: { webhookAllowPrivate: true },
    });
    t = await buildTenancy(hub, 'fw');
    receiver = await startHttpReceiver();
    const hook = await t.support.owner.post(`/api/v1/orgs/${t.support.id}/alerts/webhooks`, {
      name: 'Ticketing',
      url: `${receiver.url}/hook`,
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    devices = Array.from({ length: 6 }, (_, i) => device(i + 1));
    site = await connectAgent(hub, t.support.owner, t.client.id, 'Rack FW', devices);
    answers = answerUpdates(site, devices);
  });
  afterAll(async () => {
    answers.stop();
    site.agent.close();
    await receiver.close();
    await hub.close();
    await dir.remove();
  });

  it('checks a package before it is kept: SHA-256, header, version, family', async () => {
    const owner = t.support.owner;
    const image = Buffer.concat([firmwareImageHeader('8.4.0.1'), Buffer.alloc(100, 2)]);
    const file = await owner.request<{ id: string }>(
      'POST',
      `/api/v1/orgs/${t.support.id}/files?name=x.bin&kind=firmware`,
      image,
    );
    const sha256 = createHash('sha256').update(image).digest('hex');
    const base = { fileId: file.body.id, models: ['CP2_128V'], version: '8.4.0.1', sha256 };
    const post = (body: object) =>
      owner.post<{ error: { code: string; message: string } }>(
        `/api/v1/orgs/${t.support.id}/firmware/packages`,
        body,
      );
    const wrongHash = await post({ ...base, sha256: 'b'.repeat(64) });
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.body.error.code).toBe('FIRMWARE_INVALID');
    expect((await post({ ...base, version: '8.4.0.2' })).body.error.message).toMatch(
      /installs version 8\.4\.0\.1/,
    );
    expect((await post({ ...base, models: ['BMA360D'] })).body.error.message).toMatch(
      /not a bma360d firmware image/,
    );
    expect((await post({ ...base, models: ['CP2_128V', 'BMA360D'] })).body.error.code).toBe(
      'FIRMWARE_INVALID',
    );
    const junk = await owner.request<{ id: string }>(
      'POST',
      `/api/v1/orgs/${t.support.id}/files?name=junk.bin&kind=firmware`,
      Buffer.from('hello'),
    );
    const notImage = await post({
      ...base,
      fileId: junk.body.id,
      sha256: createHash('sha256').update('hello').digest('hex'),
    });
    expect(notImage.body.error.code).toBe('FIRMWARE_INVALID');
  });

  it('gives badges from the catalog: the client sees its support organization’s and the operator’s packages', async () => {
    const list = () =>
      t.support.owner.get<{ items: { name: string; firmwareUpdate: string | null }[] }>(
        `/api/v1/orgs/${t.client.id}/devices`,
      );
    expect((await list()).body.items.every((d) => d.firmwareUpdate === null)).toBe(true);
    const pkg = await publish(t.support.owner, t.support.id, '8.4.0.1');
    expect(pkg).toMatchObject({ family: 'cp2', version: '8.4.0.1', status: 'available', publisher: 'own' });
    now = new Date(now.getTime() + 5000); // past the catalog cache
    expect((await list()).body.items.map((d) => d.firmwareUpdate)).toEqual(Array(6).fill('8.4.0.1'));
    // The list's filter: devices with an update, in the client's list and the support organization's roll-up.
    const withUpdate = (orgId: string) =>
      t.support.owner.get<{ total: number }>(`/api/v1/orgs/${orgId}/devices?update=available`);
    expect((await withUpdate(t.client.id)).body.total).toBe(6);
    expect((await withUpdate(t.support.id)).body.total).toBe(6);
    const seen = await t.support.owner.get<{ items: FirmwarePackage[] }>(
      `/api/v1/orgs/${t.client.id}/firmware/packages`,
    );
    expect(seen.body.items.map((p) => [p.version, p.publisher])).toEqual([['8.4.0.1', 'support']]);
    // The operator's package is everyone's; withdrawing it takes its badge away again.
    const op = await publish(t.operator, t.platformId, '8.5.0.0', 'op-8.5.0.0.bin');
    now = new Date(now.getTime() + 5000);
    expect((await list()).body.items[0]?.firmwareUpdate).toBe('8.5.0.0');
    const withdrawn = await t.operator.post<FirmwarePackage>(
      `/api/v1/orgs/${t.platformId}/firmware/packages/${op.id}/withdraw`,
      {},
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await list()).body.items[0]?.firmwareUpdate).toBe('8.4.0.1');
    // Another organization cannot withdraw it.
    expect(
      (await t.support.owner.post(`/api/v1/orgs/${t.support.id}/firmware/packages/${op.id}/withdraw`, {}))
        .status,
    ).toBe(404);
  });

  let goodId = '';
  it('runs a pilot of 2; once it passes the health gate the wave of the rest starts, and nobody is updated twice', async () => {
    const pkgs = await t.support.owner.get<{ items: FirmwarePackage[] }>(
      `/api/v1/orgs/${t.support.id}/firmware/packages?status=available`,
    );
    const pkg = pkgs.body.items.find((p) => p.version === '8.4.0.1');
    const created = await start('Boardrooms 8.4', pkg?.id, {
      filter: { organizationIds: [t.client.id], families: ['cp2'] },
      pilot: 2,
      errorThreshold: 50,
    });
    goodId = created.id;
    expect(created.waves.map((w) => w.total)).toEqual([2, 4]);
    await tick();
    expect((await campaign(goodId)).waves[0]).toMatchObject({ running: 2, pending: 0 });
    await jobsDone(t.client.id, 2);
    await tick();
    const after = await campaign(goodId);
    expect(after.waves[0]).toMatchObject({ updated: 2 });
    expect(after.currentWave).toBe(1);
    expect(after.waves[1]).toMatchObject({ running: 4, pending: 0 });
    await jobsDone(t.client.id, 6);
    await tick();
    const done = await campaign(goodId);
    expect(done.status).toBe('completed');
    expect(done.waves.map((w) => w.updated)).toEqual([2, 4]);
    expect([...answers.sent.values()].every((n) => n === 1)).toBe(true);
    expect(
      receiver.requests
        .map((r) => JSON.parse(r.body) as { type: string; campaign: { id: string } })
        .filter((b) => b.campaign.id === goodId)
        .map((b) => b.type),
    ).toEqual(['firmware.campaign.started', 'firmware.campaign.completed']);
    expect(answers.sent.size).toBe(6);
    const csv = await hub.get(`/api/v1/orgs/${t.support.id}/firmware/campaigns/${goodId}/report.csv`, {
      headers: { cookie: t.support.owner.cookieHeader },
    });
    const text = await csv.text();
    expect(text.split('\r\n').filter((l) => l.includes(',updated,'))).toHaveLength(6);
    const pdf = await t.support.owner.request(
      'GET',
      `/api/v1/orgs/${t.support.id}/firmware/campaigns/${goodId}/report.pdf`,
    );
    expect(pdf.status).toBe(200);
  });

  it('halts at the error threshold and leaves the rest untouched', async () => {
    const bad = await publish(t.support.owner, t.support.id, '8.4.0.7', 'bad-8.4.0.7.bin');
    const before = answers.sent.size + [...answers.sent.values()].reduce((a, b) => a + b, 0);
    const created = await start('Bad image', bad.id, {
      pilot: 2,
      waves: [{ unit: 'percent', size: 50 }],
      errorThreshold: 50,
    });
    expect(created.waves.map((w) => w.total)).toEqual([2, 2, 2]);
    await tick();
    await jobsDone(t.client.id, 8);
    await tick();
    const halted = await campaign(created.id);
    expect(halted.status).toBe('halted');
    expect(halted.haltReason).toMatch(/2 of 2 devices of the wave failed/);
    expect(halted.waves.map((w) => w.pending)).toEqual([0, 2, 2]);
    await tick();
    expect((await campaign(created.id)).waves.map((w) => w.pending)).toEqual([0, 2, 2]);
    const after = answers.sent.size + [...answers.sent.values()].reduce((a, b) => a + b, 0);
    expect(after - before).toBe(2);
    const targets = await t.support.owner.get<{ items: { state: string; reason: string | null }[] }>(
      `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/targets?state=failed`,
    );
    expect(targets.body.items.map((x) => x.reason)).toEqual(
      Array(2).fill('FIRMWARE_REJECTED: The box refused the image (checksum).'),
    );
    // Its start and its halt were told: by webhook (the organization's) and by mail (its author).
    const notices = receiver.requests
      .map((r) => JSON.parse(r.body) as { type: string; campaign: { id: string; haltReason: string | null } })
      .filter((b) => b.campaign.id === created.id);
    expect(notices.map((b) => b.type)).toEqual(['firmware.campaign.started', 'firmware.campaign.halted']);
    expect(notices[1]?.campaign.haltReason).toMatch(/error threshold 50 %/);
    const mail = newestMail(hub.services.mail, t.support.ownerEmail);
    expect(mail?.subject).toBe('Firmware campaign “Bad image” halted');
    expect(mail?.text).toMatch(/Why: 2 of 2 devices of the wave failed/);
    // Abort cancels what has not started.
    const aborted = await t.support.owner.post<Campaign>(
      `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/abort`,
      {},
    );
    expect(aborted.body.status).toBe('aborted');
    expect(aborted.body.waves.map((w) => w.cancelled)).toEqual([0, 2, 2]);
  });

  it('fails a device that does not come back with the version within the health gate', async () => {
    const next = await publish(t.support.owner, t.support.id, '8.4.1.0');
    for (const d of devices) answers.silent.add(d.id);
    const created = await start('Gate', next.id);
    await tick();
    await jobsDone(t.client.id, 9);
    await tick();
    expect((await campaign(created.id)).waves[0]).toMatchObject({ running: 1 });
    now = new Date(now.getTime() + 11 * 60_000);
    await tick();
    const gated = await campaign(created.id);
    expect(gated.status).toBe('halted');
    const failed = await t.support.owner.get<{ items: { reason: string | null }[] }>(
      `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/targets?state=failed`,
    );
    expect(failed.body.items[0]?.reason).toMatch(/^HEALTH_GATE: .*runs 8\.4\.0\.1, not 8\.4\.1\.0/);
    answers.silent.clear();
  });

  it('waits for a second person’s approval and for the maintenance window in the sites’ time zone', async () => {
    const pkg = await publish(t.support.owner, t.support.id, '8.4.2.0');
    // It is 02:11 UTC, 21:11 in New York: outside the sites' 22:00–04:00 window.
    const created = await start('Nightly', pkg.id, {
      requireApproval: true,
      window: {
        days: [0, 1, 2, 3, 4, 5, 6],
        start: '22:00',
        durationMinutes: 360,
        timeZone: 'America/New_York',
      },
    });
    expect(created.status).toBe('awaiting-approval');
    const self = await t.support.owner.post<{ error: { code: string } }>(
      `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/approve`,
      {},
    );
    expect(self.body.error.code).toBe('CAMPAIGN_SELF_APPROVAL');
    await t.support.owner.post(`/api/v1/orgs/${t.support.id}/users/invitations`, {
      emails: ['second-fw@example.test'],
      role: 'administrator',
    });
    const second = await register(hub, 'second-fw@example.test');
    const approved = await second.post<Campaign>(
      `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/approve`,
      {},
    );
    expect(approved.body).toMatchObject({ status: 'running', approvedBy: 'second-fw@example.test' });
    await tick();
    expect((await campaign(created.id)).waves[0]).toMatchObject({ pending: 1, running: 0 });
    now = new Date('2026-12-07T03:30:00Z'); // 22:30 in New York
    await tick();
    expect((await campaign(created.id)).waves[0]).toMatchObject({ pending: 0, running: 1 });
  });

  it('pauses and resumes; engines of several hubs working at once claim each device once', async () => {
    const pkg = await publish(t.support.owner, t.support.id, '8.4.4.0');
    const created = await start('Several hubs', pkg.id, { pilot: 0 });
    const act = (what: string) =>
      t.support.owner.post<Campaign>(
        `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/${what}`,
        {},
      );
    expect((await act('pause')).body.status).toBe('paused');
    await tick();
    expect((await campaign(created.id)).waves[0]).toMatchObject({ pending: 6, running: 0 });
    expect((await act('pause')).body).toMatchObject({ error: { code: 'CAMPAIGN_STATE' } });
    expect((await act('resume')).body.status).toBe('running');
    // Three engines as three hubs would run them, leases that run out at once: they race for the devices.
    const db = hub.database.db;
    const engines = Array.from(
      { length: 3 },
      () =>
        new CampaignEngine({
          campaigns: new FirmwareCampaignRepository(db),
          packageOf: (id) => new FirmwarePackageRepository(db).byId(id),
          clock,
          changed: () => Promise.resolve(),
          notify: () => Promise.resolve(),
          onError: (e) => {
            throw e;
          },
          leaseMs: -1,
          startPerTick: 2,
        }),
    );
    for (let round = 0; round < 4; round++) await Promise.all(engines.map((e) => e.tick()));
    const jobs = rowsOf<{ device_id: string; n: number }>(
      await db.execute(
        sql`SELECT device_id, count(*)::int AS n FROM jobs WHERE command->>'fileId' = ${pkg.fileId} GROUP BY device_id`,
      ),
    );
    expect(jobs).toHaveLength(6);
    expect(jobs.every((j) => j.n === 1)).toBe(true);
  });

  it('halts a campaign whose package is withdrawn before its devices start; a new one cannot use it', async () => {
    const pkg = await publish(t.support.owner, t.support.id, '8.4.5.0');
    const created = await start('Withdrawn', pkg.id, { pilot: 2 });
    const withdrawn = await t.support.owner.post<FirmwarePackage>(
      `/api/v1/orgs/${t.support.id}/firmware/packages/${pkg.id}/withdraw`,
      {},
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    await tick();
    const halted = await campaign(created.id);
    expect(halted.status).toBe('halted');
    expect(halted.haltReason).toMatch(/8\.4\.5\.0 was withdrawn/);
    expect(halted.waves.map((w) => w.pending)).toEqual([2, 4]);
    const again = await t.support.owner.post<{ error: { code: string } }>(
      `/api/v1/orgs/${t.support.id}/firmware/campaigns`,
      {
        name: 'Again',
        packageId: pkg.id,
        filter: {},
        pilot: 1,
        waves: [],
        successThreshold: 100,
        errorThreshold: 100,
        healthGateMinutes: 10,
      },
    );
    expect(again.body.error.code).toBe('FIRMWARE_WITHDRAWN');
  });

  it('starts each device in its own site’s window: a location’s time zone wins over the campaign’s', async () => {
    const tokyo = await t.support.owner.post<{ id: string; timeZone: string | null }>(
      `/api/v1/orgs/${t.client.id}/locations`,
      { name: 'Tokyo office', kind: 'site', timeZone: 'Asia/Tokyo' },
    );
    expect(tokyo.body.timeZone).toBe('Asia/Tokyo');
    const room = await t.support.owner.post<{ id: string }>(`/api/v1/orgs/${t.client.id}/locations`, {
      name: 'Room 5F',
      kind: 'room',
      parentId: tokyo.body.id,
    });
    const bad = await t.support.owner.post<{ error: { code: string } }>(
      `/api/v1/orgs/${t.client.id}/locations`,
      {
        name: 'Nowhere',
        kind: 'site',
        timeZone: 'Mars/Olympus',
      },
    );
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const list = await t.support.owner.get<{ items: { id: string; name: string }[] }>(
      `/api/v1/orgs/${t.client.id}/devices?search=Board room 01`,
    );
    const first = list.body.items[0]?.id ?? '';
    await t.support.owner.put(`/api/v1/orgs/${t.client.id}/devices/location`, {
      deviceIds: [first],
      locationId: room.body.id,
    });
    const pkg = await publish(t.support.owner, t.support.id, '8.4.6.0');
    const window = {
      days: [0, 1, 2, 3, 4, 5, 6],
      start: '22:00',
      durationMinutes: 360,
      timeZone: 'America/New_York',
    };
    const created = await start('Sites', pkg.id, { pilot: 0, window });
    now = new Date('2026-12-07T03:30:00Z'); // 22:30 in New York, 12:30 in Tokyo
    await tick();
    const targets = async () =>
      (
        await t.support.owner.get<{ items: { deviceId: string; state: string }[] }>(
          `/api/v1/orgs/${t.support.id}/firmware/campaigns/${created.id}/targets?state=pending`,
        )
      ).body.items.map((x) => x.deviceId);
    expect(await targets()).toEqual([first]);
    now = new Date('2026-12-07T13:30:00Z'); // 08:30 in New York, 22:30 in Tokyo
    await tick();
    expect(await targets()).toEqual([]);
  });
});
