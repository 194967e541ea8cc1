import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AssignLocationRequest, DeviceDetail, DeviceListQuery, DevicePage, DeviceParams, DeviceSummary, IdParams, Ok } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { DeviceService } from '../../services/device.service.ts';
import type { EventBus } from '../../bus/event-bus.ts';
import { orgEventsSubject } from '../../services/agent-link.service.ts';
import { requirePermission } from '../../services/context.ts';
import { orgContextOf } from '../request-auth.ts';

export function deviceRoutes(root: FastifyInstance, d: {
    access: AccessService;
    devices: DeviceService;
    bus: EventBus;
    /** How often an open live-events stream checks that its credentials still reach the organization (default 10 s). */
    accessCheckMs?: number | undefined;
  }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['devices'];
  const streams = new Set<{ end: () => void }>();
  // Before the server stops listening: it waits for open requests, and a live-events stream never
  // ends on its own (with a browser open, Ctrl-C would wait for ever).
  root.addHook('preClose', (done) => {
    for (const s of streams) s.end();
    done();
  });

  app.get('/api/v1/orgs/:orgId/devices', { schema: { tags, summary: 'Devices: search, sort, filter and cursor paging', params: IdParams, querystring: DeviceListQuery, response: { 200: DevicePage } } }, async (req) =>
    d.devices.list(await ctxOf(req), req.query),
  );

  app.get('/api/v1/orgs/:orgId/devices/summary', { schema: { tags, summary: 'Dashboard counts: Down / Issues / Healthy, by status, model and location', params: IdParams, response: { 200: DeviceSummary } } }, async (req) =>
    d.devices.summary(await ctxOf(req)),
  );

  app.get('/api/v1/orgs/:orgId/devices/:deviceId', { schema: { tags, summary: 'One device with its status history', params: DeviceParams, response: { 200: DeviceDetail } } }, async (req) =>
    d.devices.detail(await ctxOf(req), req.params.deviceId),
  );

  app.put('/api/v1/orgs/:orgId/devices/location', { schema: { tags, summary: 'Assign devices to a location (or none)', params: IdParams, body: AssignLocationRequest, response: { 200: Type.Object({ updated: Type.Integer() }) } } }, async (req) => ({
    updated: await d.devices.assignLocation(await ctxOf(req), req.body.deviceIds, req.body.locationId),
  }));

  /** Whether the caller may (still) receive the organization's live events: ok, or the error any route gives. */
  app.get('/api/v1/orgs/:orgId/events/access', { logLevel: 'warn', schema: { tags: ['live'], summary: 'Whether the caller may receive the live events', params: IdParams, response: { 200: Ok } } }, async (req) => {
    requirePermission(await ctxOf(req), 'devices.read');
    return { ok: true as const };
  });

  /**
   * Live events of the organization (Server-Sent Events): screens refetch what changed. Every
   * `accessCheckMs` (10 s) the stream asks, with the credentials it was opened with,
   * whether they still reach the organization; once they do not (member removed, session signed
   * out, API token revoked or expired), it says `event: closed` and ends.
   */
  app.get('/api/v1/orgs/:orgId/events', { schema: { tags: ['live'], summary: 'Live events (text/event-stream): devices and servers changed', params: IdParams } }, async (req, reply) => {
    const ctx = await ctxOf(req);
    requirePermission(ctx, 'devices.read');
    const credentials = {
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
    };
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    // Nothing is written once the stream ended: a write after the end would be an 'error' event.
    const write = (text: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };
    write(`retry: 2000\nevent: hello\ndata: {}\n\n`);
    const off = await d.bus.subscribe(orgEventsSubject(ctx.org.id), (payload) => {
      const kind = (payload as { kind?: string }).kind ?? 'message';
      write(`event: ${kind}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
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
            write(`event: closed\ndata: ${JSON.stringify({ reason: 'access', status: answer.statusCode })}\n\n`);
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
  });
}
