import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CreateLocationRequest, IdParams, Location, LocationList, LocationParams, Ok, UpdateLocationRequest } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { LocationService } from '../../services/location.service.ts';
import { orgContextOf } from '../request-auth.ts';

export function locationRoutes(root: FastifyInstance, d: { access: AccessService; locations: LocationService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['locations'];

  app.get('/api/v1/orgs/:orgId/locations', { schema: { tags, summary: 'Every location of the organization, with its path', params: IdParams, response: { 200: LocationList } } }, async (req) => ({
    items: await d.locations.list(await ctxOf(req)),
  }));

  app.post('/api/v1/orgs/:orgId/locations', { schema: { tags, summary: 'Add a location', params: IdParams, body: CreateLocationRequest, response: { 201: Location } } }, async (req, reply) =>
    reply.status(201).send(await d.locations.create(await ctxOf(req), req.body)),
  );

  app.patch('/api/v1/orgs/:orgId/locations/:locationId', { schema: { tags, summary: 'Rename, retype or move a location', params: LocationParams, body: UpdateLocationRequest, response: { 200: Location } } }, async (req) =>
    d.locations.update(await ctxOf(req), req.params.locationId, req.body),
  );

  app.delete('/api/v1/orgs/:orgId/locations/:locationId', { schema: { tags, summary: 'Delete an empty location', params: LocationParams, response: { 200: Ok } } }, async (req) => {
    await d.locations.delete(await ctxOf(req), req.params.locationId);
    return { ok: true as const };
  });
}
