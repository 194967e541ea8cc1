import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { Compile } from 'typebox/compile';
import { AgentFrame } from '@crosspoint/protocol';
import { connectAgentToHub } from '../link/connect.ts';
import type { HubLink } from '../link/hub-link.ts';
import { startRig, type Rig } from '../test/sim-harness.ts';
import { smallSite } from '../test/sites.ts';

const checkFrame = Compile(AgentFrame);
type Frame = AgentFrame;

/** A stand-in hub on loopback: welcomes, acknowledges, and keeps every frame (each checked against the schema). */
async function fakeHub() {
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/agent/v1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket: WebSocket) => {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as unknown;
      if (!checkFrame.Check(frame)) throw new Error(`malformed frame ${data.toString('utf8')}`);
      frames.push(frame);
      if (frame.type === 'hello')
        socket.send(
          JSON.stringify({ type: 'welcome', v: 1, serverId: 's', organization: 'Test', lastSeq: -1 }),
        );
      if (frame.type === 'inventory' || frame.type === 'deltas')
        socket.send(JSON.stringify({ type: 'ack', seq: frame.seq }));
      for (const w of [...waiters]) w();
    });
  });
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    frames,
    /** Resolves with the first frame (in order of arrival) that matches. */
    next<F extends Frame>(match: (f: Frame) => f is F, from = 0): Promise<F> {
      return new Promise((resolve) => {
        const check = () => {
          const found = frames.slice(from).find(match);
          if (!found) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the hub link while subnets are toggled', () => {
  let rig: Rig;
  let hub: Awaited<ReturnType<typeof fakeHub>>;
  let link: HubLink;
  const cidr = '127.61.11.0/24';

  beforeAll(async () => {
    rig = await startRig(smallSite(11));
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy');
    hub = await fakeHub();
    link = await connectAgentToHub(
      rig.agent,
      { hubUrl: hub.url, login: 'agent@C1', password: 'x' },
      { dataDir: rig.dataDir, agentVersion: 'test', logger: pino({ level: 'silent' }) },
    );
    await hub.next((f): f is Extract<Frame, { type: 'inventory' }> => f.type === 'inventory');
  });
  afterAll(async () => {
    await link.close();
    await hub.close();
    await rig.close();
  });

  it('tells the hub the new counts at once and reports the devices Not Monitored, not Down; then back', async () => {
    expect(hub.frames[0]).toMatchObject({ type: 'hello', subnets: { enabled: 1, total: 1 } });
    const from = hub.frames.length;
    await rig.agent.setSubnetEnabled(cidr, false);
    const heartbeat = await hub.next(
      (f): f is Extract<Frame, { type: 'heartbeat' }> => f.type === 'heartbeat',
      from,
    );
    expect(heartbeat.subnets).toEqual({ enabled: 0, total: 1 });
    const ids = rig.agent.inventory().map((d) => d.id);
    const reported = new Map<string, string>();
    await hub.next((f): f is Frame => {
      if (f.type === 'deltas') for (const c of f.changes) reported.set(c.id, c.status);
      return reported.size === ids.length;
    }, from);
    expect(new Set(reported.values())).toEqual(new Set(['Not Monitored']));

    const back = hub.frames.length;
    const { sweep } = await rig.agent.setSubnetEnabled(cidr, true);
    await sweep;
    expect(
      (await hub.next((f): f is Extract<Frame, { type: 'heartbeat' }> => f.type === 'heartbeat', back))
        .subnets,
    ).toEqual({ enabled: 1, total: 1 });
    for (const d of rig.sim.devices) await rig.waitFor(rig.idOf(d.id), 'Healthy');
    const healthy = new Map<string, string>();
    await hub.next((f): f is Frame => {
      if (f.type === 'deltas') for (const c of f.changes) healthy.set(c.id, c.status);
      return [...healthy.values()].filter((s) => s === 'Healthy').length === ids.length;
    }, back);
  });
});
