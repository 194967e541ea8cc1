import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Job, JobList, JobParams, RunCommandRequest, Uuid } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { CommandService } from '../../services/command.service.ts';
import { orgContextOf } from '../request-auth.ts';

export function commandRoutes(root: FastifyInstance, d: { access: AccessService; commands: CommandService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ctxOf = orgContextOf(d.access);
  const tags = ['commands'];

  app.post('/api/v1/orgs/:orgId/jobs', { schema: { tags, summary: 'Run a device command on one or many devices (one job each)', params: IdParams, body: RunCommandRequest, response: { 202: JobList } } }, async (req, reply) =>
    reply.status(202).send({ items: await d.commands.run(await ctxOf(req), req.body) }),
  );
  app.get('/api/v1/orgs/:orgId/jobs', { schema: { tags, summary: 'Recent jobs, optionally of one device', params: IdParams, querystring: Type.Object({ deviceId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: JobList } } }, async (req) => ({
    items: await d.commands.recent(await ctxOf(req), req.query.deviceId),
  }));
  app.get('/api/v1/orgs/:orgId/jobs/:jobId', { schema: { tags, summary: 'One job: status, progress and result', params: JobParams, response: { 200: Job } } }, async (req) =>
    d.commands.get(await ctxOf(req), req.params.jobId),
  );
}
