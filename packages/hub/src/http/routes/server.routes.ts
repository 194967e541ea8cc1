import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CreateServerRequest,
  IdParams,
  Ok,
  RotateServerPasswordRequest,
  ServerListQuery,
  ServerPage,
  ServerParams,
  ServerRow,
  UpdateServerRequest,
} from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { ServerService } from '../../services/server.service.ts';
import { orgContextOf } from '../request-auth.ts';

export function serverRoutes(root: FastifyInstance, d: { access: AccessService; servers: ServerService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['servers'];

  app.get('/api/v1/orgs/:orgId/servers', { schema: { tags, summary: 'Agent server accounts', params: IdParams, querystring: ServerListQuery, response: { 200: ServerPage } } }, async (req) =>
    d.servers.list(await ctxOf(req), req.query),
  );

  app.post('/api/v1/orgs/:orgId/servers', { schema: { tags, summary: 'Add an agent server account', params: IdParams, body: CreateServerRequest, response: { 201: ServerRow } } }, async (req, reply) =>
    reply.status(201).send(await d.servers.create(await ctxOf(req), req.body)),
  );

  app.patch('/api/v1/orgs/:orgId/servers/:serverId', { schema: { tags, summary: 'Rename, disable/enable or move a server account', params: ServerParams, body: UpdateServerRequest, response: { 200: ServerRow } } }, async (req) =>
    d.servers.update(await ctxOf(req), req.params.serverId, req.body),
  );

  app.put('/api/v1/orgs/:orgId/servers/:serverId/password', { schema: { tags, summary: 'Rotate the server account’s password', params: ServerParams, body: RotateServerPasswordRequest, response: { 200: Ok } } }, async (req) => {
    await d.servers.rotatePassword(await ctxOf(req), req.params.serverId, req.body.password);
    return { ok: true as const };
  });

  app.delete('/api/v1/orgs/:orgId/servers/:serverId', { schema: { tags, summary: 'Delete a server account', params: ServerParams, response: { 200: Ok } } }, async (req) => {
    await d.servers.delete(await ctxOf(req), req.params.serverId);
    return { ok: true as const };
  });
}
