import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AssignLocationRequest, DeviceDetail, DeviceListQuery, DevicePage, DeviceParams, DeviceSummary, IdParams } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { DeviceService } from '../../services/device.service.ts';
import type { EventBus } from '../../bus/event-bus.ts';
import { orgEventsSubject } from '../../services/agent-link.service.ts';
import { requirePermission } from '../../services/context.ts';
import { orgContextOf } from '../request-auth.ts';

export function deviceRoutes(root: FastifyInstance, d: { access: AccessService; devices: DeviceService; bus: EventBus }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['devices'];
  const streams = new Set<{ end: () => void }>();
  root.addHook('onClose', (_app, done) => {
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

  /** Live events of the organization (Server-Sent Events): screens refetch what changed. */
  app.get('/api/v1/orgs/:orgId/events', { schema: { tags: ['live'], summary: 'Live events (text/event-stream): devices and servers changed', params: IdParams } }, async (req, reply) => {
    const ctx = await ctxOf(req);
    requirePermission(ctx, 'devices.read');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 2000\nevent: hello\ndata: {}\n\n`);
    const off = await d.bus.subscribe(orgEventsSubject(ctx.org.id), (payload) => {
      const kind = (payload as { kind?: string }).kind ?? 'message';
      res.write(`event: ${kind}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    const stream = { end: () => res.end() };
    streams.add(stream);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(stream);
      off();
    });
  });
}
