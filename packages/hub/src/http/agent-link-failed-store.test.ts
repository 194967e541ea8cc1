// A frame the hub fails to store leaves nothing behind: its transaction is rolled back, its
// savepoints undone and its connection handed back clean, so the same agent's next frame, another
// organization's agent and the API all go on working, on PGlite (one connection for everything)
// and on PostgreSQL (a pool of ten). The failure is injected the way a database can refuse a
// frame that passed every check of the hub: a trigger of this test database raises an error on
// the status history insert of a chosen status, with the SQLSTATE the status names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LinkDevice } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { databaseLanes } from '../test/database-lanes.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../test/fake-agent.ts';
import { DeviceIngestRepository, type RefusedItem } from '../repositories/device-ingest.repository.ts';
import { rowsOf } from '../repositories/raw-rows.ts';

interface Page<T> {
  items: T[];
  total: number;
}
interface Device {
  name: string;
  status: string;
}

/** A status the test trigger refuses with SQLSTATE `code` (P0001: not the data's fault, so the whole frame fails). */
const refusedStatus = (code: string) => `test-refuse-${code}`;
/** A device whose status history insert the database refuses. */
const refusedDevice = (n: number, code: string): LinkDevice => linkDevice(n, refusedStatus(code));

/** Waits for `work` to fail, and checks that it failed on the test trigger (drizzle wraps the driver's error as its cause). */
async function refusedByTrigger(work: Promise<unknown>): Promise<void> {
  const failure = await work.then(
    () => new Error('stored, not refused'),
    (e: unknown) => e,
  );
  const messages: string[] = [];
  for (let e: unknown = failure; e instanceof Error; e = e.cause) messages.push(e.message);
  expect(messages.join(' <- ')).toMatch(/test trigger refuses/);
}

/** More failures than the PostgreSQL pool has connections (10): a connection kept by each failure would starve the pool. */
const failuresPastThePool = 12;

describe.each(await databaseLanes())('a frame the hub fails to store, on $name', (lane) => {
  let hub: HubUnderTest;
  let drop: () => Promise<void>;
  let a: Tenancy;
  let b: Tenancy;
  let loginA: string;
  let loginB: string;
  let serverA: string;

  const linked = async (login: string, instance: string) => {
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello(instance);
    return { agent, lastSeq: (await agent.next('welcome')).lastSeq };
  };
  const names = async (t: Tenancy, query = '') => {
    const res = await t.support.owner.get<Page<Device>>(
      `/api/v1/orgs/${t.client.id}/devices?sort=name${query}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items.map((d) => `${d.name}:${d.status}`);
  };
  /**
   * Nothing of a failed frame is left open: no session of this database idle in a transaction
   * (PostgreSQL; aborted or not), and the connection a query gets is in no transaction that wrote
   * (an aborted one would refuse this very query).
   */
  const noTransactionLeftOpen = async () => {
    const db = hub.database.db;
    for (let i = 0; i < 3; i++) {
      const own = rowsOf<{ xid: string | null }>(
        await db.execute(sql`SELECT pg_current_xact_id_if_assigned()::text AS xid`),
      );
      expect(own[0]?.xid ?? null).toBeNull();
    }
    if (hub.database.kind === 'postgres') {
      const idle = rowsOf<{ n: number }>(
        await db.execute(
          sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        ),
      );
      expect(idle[0]?.n).toBe(0);
    }
  };

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    hub = await startHubForTest({ database: db.target });
    a = await buildTenancy(hub, 'failed-store-a');
    b = await buildTenancy(hub, 'failed-store-b');
    const sa = await a.support.owner.post<{ id: string; login: string }>(
      `/api/v1/orgs/${a.client.id}/servers`,
      { name: 'Rack A', password: agentPassword },
    );
    const sb = await b.support.owner.post<{ id: string; login: string }>(
      `/api/v1/orgs/${b.client.id}/servers`,
      { name: 'Rack B', password: agentPassword },
    );
    loginA = sa.body.login;
    loginB = sb.body.login;
    serverA = sa.body.id;
    // Test-only: this test's database refuses a history row whose status names an SQLSTATE.
    const db0 = hub.database.db;
    await db0.execute(
      sql.raw(`
      CREATE FUNCTION test_refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status LIKE 'test-refuse-%' THEN
          RAISE EXCEPTION 'test trigger refuses the status %', NEW.status USING ERRCODE = substr(NEW.status, 13);
        END IF;
        RETURN NEW;
      END $$`),
    );
    await db0.execute(
      sql.raw(`
      CREATE TRIGGER test_refuse_history BEFORE INSERT ON device_status_history
      FOR EACH ROW EXECUTE FUNCTION test_refuse_history()`),
    );
  });
  afterAll(async () => {
    await hub.close();
    await drop();
  });

  it('closes the link of a frame it cannot store (1011), rolls all of it back, and the hub goes on for everyone', async () => {
    const { agent: first, lastSeq } = await linked(loginA, 'failed-store-a');
    first.send({ type: 'inventory', seq: lastSeq + 1, devices: [linkDevice(1), linkDevice(2)] });
    await first.next('ack', (f) => f.seq === lastSeq + 1);
    const { agent: other, lastSeq: otherSeq } = await linked(loginB, 'failed-store-b');

    // The failing frame, and another organization's frame arriving while it is being stored.
    first.send({
      type: 'inventory',
      seq: lastSeq + 2,
      devices: [linkDevice(1, 'Down'), linkDevice(3), refusedDevice(4, 'P0001')],
    });
    other.send({ type: 'inventory', seq: otherSeq + 1, devices: [linkDevice(11)] });
    expect(await first.waitClosed()).toEqual({
      code: 1011,
      reason: 'The hub could not store this frame; it will be resent.',
    });
    await other.next('ack', (f) => f.seq === otherSeq + 1);

    // (c) The API answers; nothing of the failed frame was kept (Room 1 still Healthy, no Room 3).
    expect(await names(a)).toEqual(['Room 1:Healthy', 'Room 2:Healthy']);
    await noTransactionLeftOpen();

    // (a) The same agent reconnects: its sequence number was not advanced, and its next frames are stored,
    // an empty inventory among them (every device of the server Down).
    const { agent: again, lastSeq: after } = await linked(loginA, 'failed-store-a');
    expect(after).toBe(lastSeq + 1);
    again.send({ type: 'inventory', seq: after + 1, devices: [linkDevice(1, 'Down'), linkDevice(3)] });
    await again.next('ack', (f) => f.seq === after + 1);
    again.send({
      type: 'deltas',
      seq: after + 2,
      changes: [{ id: linkDevice(3).id, status: 'Compromised', since: Date.now(), at: Date.now() }],
    });
    await again.next('ack', (f) => f.seq === after + 2);
    expect(await names(a)).toEqual(['Room 1:Down', 'Room 2:Down', 'Room 3:Compromised']);
    again.send({ type: 'inventory', seq: after + 3, devices: [] });
    await again.next('ack', (f) => f.seq === after + 3);
    expect(await names(a)).toEqual(['Room 1:Down', 'Room 2:Down', 'Room 3:Down']);

    // (b) The other organization's agent goes on too.
    other.send({
      type: 'deltas',
      seq: otherSeq + 2,
      changes: [{ id: linkDevice(11).id, status: 'Down', since: Date.now(), at: Date.now() }],
    });
    await other.next('ack', (f) => f.seq === otherSeq + 2);
    expect(await names(b)).toEqual(['Room 11:Down']);
    expect(other.closed).toBeUndefined();
    expect(again.closed).toBeUndefined();
    again.close();
    other.close();
    await noTransactionLeftOpen();
  });

  it('does the same for status changes: the one-statement frame and the one that carries a device', async () => {
    const { agent: first, lastSeq } = await linked(loginA, 'failed-store-a');
    first.send({
      type: 'inventory',
      seq: lastSeq + 1,
      devices: [linkDevice(1), linkDevice(2), linkDevice(3)],
    });
    await first.next('ack', (f) => f.seq === lastSeq + 1);
    // Plain changes only: one statement, no transaction of the hub's own.
    const now = Date.now();
    first.send({
      type: 'deltas',
      seq: lastSeq + 2,
      changes: [
        { id: linkDevice(1).id, status: 'Down', since: now, at: now },
        { id: linkDevice(2).id, status: refusedStatus('P0001'), since: now, at: now },
      ],
    });
    expect((await first.waitClosed()).code).toBe(1011);
    await noTransactionLeftOpen();

    const { agent: second, lastSeq: after } = await linked(loginA, 'failed-store-a');
    expect(after).toBe(lastSeq + 1);
    // A change that carries a new device: a transaction.
    second.send({
      type: 'deltas',
      seq: after + 1,
      changes: [
        { id: linkDevice(1).id, status: 'Down', since: now, at: now },
        { id: linkDevice(5).id, status: refusedStatus('P0001'), since: now, at: now, device: linkDevice(5) },
      ],
    });
    expect((await second.waitClosed()).code).toBe(1011);
    expect(await names(a)).toEqual(['Room 1:Healthy', 'Room 2:Healthy', 'Room 3:Healthy']);
    await noTransactionLeftOpen();

    const { agent: third, lastSeq: last } = await linked(loginA, 'failed-store-a');
    expect(last).toBe(lastSeq + 1);
    third.send({
      type: 'deltas',
      seq: last + 1,
      changes: [
        { id: linkDevice(1).id, status: 'Down', since: now, at: now },
        { id: linkDevice(5).id, status: 'Healthy', since: now, at: now, device: linkDevice(5) },
      ],
    });
    await third.next('ack', (f) => f.seq === last + 1);
    expect(await names(a)).toEqual(['Room 1:Down', 'Room 2:Healthy', 'Room 3:Healthy', 'Room 5:Healthy']);
    third.close();
  });

  it('leaves out a device the database refuses as data (its savepoint undone) and stores the rest of the frame', async () => {
    const { agent, lastSeq } = await linked(loginA, 'failed-store-a');
    // 22023 (class 22, data exception): the hub stores the frame device by device, each in a savepoint.
    agent.send({
      type: 'inventory',
      seq: lastSeq + 1,
      devices: [linkDevice(1), refusedDevice(2, '22023'), linkDevice(3), linkDevice(5)],
    });
    await agent.next('ack', (f) => f.seq === lastSeq + 1);
    // Room 2 stays as it was (not Down: the agent reported it); the others took the frame.
    expect(await names(a)).toEqual(['Room 1:Healthy', 'Room 2:Healthy', 'Room 3:Healthy', 'Room 5:Healthy']);
    const now = Date.now();
    agent.send({
      type: 'deltas',
      seq: lastSeq + 2,
      changes: [
        { id: linkDevice(1).id, status: 'Down', since: now, at: now },
        { id: linkDevice(3).id, status: refusedStatus('22023'), since: now, at: now },
        { id: linkDevice(5).id, status: 'Down', since: now, at: now },
      ],
    });
    await agent.next('ack', (f) => f.seq === lastSeq + 2);
    expect(await names(a)).toEqual(['Room 1:Down', 'Room 2:Healthy', 'Room 3:Healthy', 'Room 5:Down']);
    const history = await a.support.owner.get<Page<{ action: string; detail: { deviceId?: string } }>>(
      `/api/v1/orgs/${a.client.id}/audit?action=agents.device_refused`,
    );
    expect(history.body.items.map((e) => e.detail.deviceId).sort()).toEqual([
      linkDevice(2).id,
      linkDevice(3).id,
    ]);
    expect(agent.closed).toBeUndefined();
    agent.close();
    await noTransactionLeftOpen();
  });

  it('survives more failed stores than the pool has connections, each way a frame is written', async () => {
    const ingest = new DeviceIngestRepository(hub.database.db);
    const at = new Date();
    const seqOf = async () =>
      rowsOf<{ s: number }>(
        await hub.database.db.execute(sql`SELECT last_seq AS s FROM agent_accounts WHERE id = ${serverA}`),
      )[0]?.s ?? -1;
    const seq = await seqOf();
    const now = Date.now();
    for (let i = 0; i < failuresPastThePool; i++) {
      const refused: RefusedItem[] = [];
      // A refusal that is not the data's fault: the frame fails, whichever statement meets it.
      await refusedByTrigger(
        ingest.applyInventory(
          a.client.id,
          serverA,
          seq + 1,
          [linkDevice(1), refusedDevice(20 + i, 'P0001')],
          at,
          { refused },
        ),
      );
      await refusedByTrigger(
        ingest.applyChanges(
          a.client.id,
          serverA,
          seq + 1,
          [{ id: linkDevice(1).id, status: refusedStatus('P0001'), since: now, at: now }],
          at,
        ),
      );
      await refusedByTrigger(
        ingest.applyChanges(
          a.client.id,
          serverA,
          seq + 1,
          [
            {
              id: linkDevice(40 + i).id,
              status: refusedStatus('P0001'),
              since: now,
              at: now,
              device: linkDevice(40 + i),
            },
          ],
          at,
        ),
      );
      // The careful retry of a data error meets a refusal that is not: it fails from inside a savepoint.
      await refusedByTrigger(
        ingest.applyInventory(
          a.client.id,
          serverA,
          seq + 1,
          [refusedDevice(1, '22023'), refusedDevice(2, 'P0001')],
          at,
          { refused },
        ),
      );
    }
    // Not one of them was kept, not even the sequence number.
    expect(await seqOf()).toBe(seq);
    await noTransactionLeftOpen();
    // The hub's API and links go on (a starved pool would hang here, a poisoned connection refuse).
    expect((await hub.get('/healthz')).status).toBe(200);
    expect(await names(a, '&group=down')).toEqual(['Room 1:Down', 'Room 5:Down']);
    const { agent: other, lastSeq: otherSeq } = await linked(loginB, 'failed-store-b');
    other.send({ type: 'inventory', seq: otherSeq + 1, devices: [linkDevice(11), linkDevice(12)] });
    await other.next('ack', (f) => f.seq === otherSeq + 1);
    expect(await names(b)).toEqual(['Room 11:Healthy', 'Room 12:Healthy']);
    other.close();
    const { agent: again, lastSeq } = await linked(loginA, 'failed-store-a');
    expect(lastSeq).toBe(seq);
    again.send({
      type: 'inventory',
      seq: lastSeq + 1,
      devices: [linkDevice(1), linkDevice(2), linkDevice(3), linkDevice(5)],
    });
    await again.next('ack', (f) => f.seq === lastSeq + 1);
    expect(await names(a)).toEqual(['Room 1:Healthy', 'Room 2:Healthy', 'Room 3:Healthy', 'Room 5:Healthy']);
    again.close();
    await noTransactionLeftOpen();
  });
});
