import type { FastifyInstance } from 'fastify';
import type { DeviceService } from '../../services/device.service.ts';
import type { DeviceAvailabilityService } from '../../services/device-availability.service.ts';
import type { LiveEvents } from '../../services/live-events.ts';
import type { PersonStreams } from '../../services/communications/person-streams.ts';
import { seesRollup } from '../../services/rollups.ts';
import type { LiveEvent } from '@crosspoint/protocol';
import type { ContractRoutes } from '../contract-routes.ts';

export function deviceRoutes(
  root: FastifyInstance,
  routes: ContractRoutes,
  d: {
    devices: DeviceService;
    availability: DeviceAvailabilityService;
    live: LiveEvents;
    /** The signed-in person's part of the stream: presence and their call signals. */
    personStreams: PersonStreams;
    /** How often an open live-events stream checks that its credentials still reach the organization (default 10 s). */
    accessCheckMs?: number | undefined;
  },
): void {
  const streams = new Set<{ end: () => void }>();
  // Before the server stops listening: it waits for open requests, and a live-events stream never
  // ends on its own (with a browser open, Ctrl-C would wait for ever).
  root.addHook('preClose', (done) => {
    for (const s of streams) s.end();
    done();
  });

  routes.org('listDevices', (ctx, { query }) => d.devices.list(ctx, query));
  routes.org('getDeviceSummary', (ctx) => d.devices.summary(ctx));
  routes.org('getDevice', (ctx, { params }) => d.devices.detail(ctx, params.deviceId));
  routes.org('getDeviceAvailability', (ctx, { params, query }) =>
    d.availability.perDay(ctx, params.deviceId, query.days),
  );
  routes.org('assignDeviceLocation', async (ctx, { body }) => ({
    updated: await d.devices.assignLocation(ctx, body.deviceIds, body.locationId),
  }));

  /** Whether the caller may (still) receive the organization's live events: ok, or the error any route gives. */
  routes.org('checkLiveEventsAccess', () => ({ ok: true as const }), { logLevel: 'warn' });

  /**
   * Live events of the organization (Server-Sent Events): screens refetch what changed. Every
   * `accessCheckMs` (10 s) the stream asks, with the credentials it was opened with,
   * whether they still reach the organization; once they do not (member removed, session signed
   * out, API token revoked or expired), it says `event: closed` and ends.
   */
  routes.org('liveEvents', async (ctx, { request: req, reply }) => {
    const credentials = {
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
    };
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Nothing is written once the stream ended: a write after the end would be an 'error' event.
    const write = (text: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };
    const send = (event: LiveEvent) => write(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    write('retry: 2000\n');
    send({ kind: 'hello' });
    const offOwn = await d.live.subscribe(ctx.org.id, send);
    // A support organization's screens show its roll-up: its clients' events too.
    const offRollup = seesRollup(ctx.org) ? await d.live.subscribeRollup(ctx.org.id, send) : undefined;
    const offPerson = await d.personStreams.attach(ctx, send);
    const off = () => {
      offOwn();
      offRollup?.();
      offPerson();
    };
    const keepAlive = setInterval(() => write(': keep-alive\n\n'), 25_000);
    const stream = { end: () => res.end() };
    streams.add(stream);
    let checking = false;
    const accessCheck = setInterval(() => {
      if (checking) return;
      checking = true;
      root
        .inject({ method: 'GET', url: `/api/v1/orgs/${ctx.org.id}/events/access`, headers: credentials })
        .then((answer) => {
          // 401, 403, 404: these credentials no longer reach the organization. A 5xx (database
          // briefly away) is asked again next time.
          if (answer.statusCode >= 400 && answer.statusCode < 500 && !res.writableEnded) {
            send({ kind: 'closed', reason: 'access', status: answer.statusCode });
            res.end();
          }
        })
        .catch(() => undefined)
        .finally(() => (checking = false));
    }, d.accessCheckMs ?? 10_000);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      clearInterval(accessCheck);
      streams.delete(stream);
      off();
    };
    req.raw.on('close', close);
    res.on('close', close);
    return reply;
  });
}
