import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FileInfo, FileName, type FileKind } from '@crosspoint/protocol';
import type { AgentBuildService } from '../../services/agent-build.service.ts';
import type { AgentLinkService, LinkedAgent } from '../../services/agent-link.service.ts';
import type { CommandFileService, IncomingFile, OutgoingFile } from '../../services/command-file.service.ts';
import { ServiceError } from '../../services/service-error.ts';
import { basicCredentials } from '../basic-credentials.ts';
import type { RouteRegistry } from '../contract-routes.ts';

/**
 * The body of an upload, as it arrives (never whole in memory): anything but
 * `application/octet-stream` is refused with 415, a declared size above the limit with 413.
 */
export function incoming(request: FastifyRequest): IncomingFile {
  const body = request.body;
  if (!(body instanceof Readable))
    throw new ServiceError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the file itself as application/octet-stream.',
      415,
    );
  const declared = request.headers['content-length'];
  return { bytes: declared === undefined ? undefined : Number(declared), chunks: body };
}

/** Streams a file out a chunk at a time; its transfer slot is given back when the answer ends, however it ends. */
function sendFile(reply: FastifyReply, file: OutgoingFile): FastifyReply {
  reply.raw.once('close', file.release);
  return (
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(file.info.bytes))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.info.name)}`)
      .header('x-content-sha256', file.info.sha256)
      // Byte mode: the stream buffers a few KiB ahead, not 16 chunks of 1 MiB (objectMode's default).
      .send(Readable.from(file.chunks, { objectMode: false }))
  );
}

/**
 * Files of device commands. People upload firmware images and projects and download what came back
 * (`/api/v1/orgs/:orgId/files`); agents fetch the file of a command and send back backups and logs
 * (`/agent/v1/files`, authenticated with the agent's server account like the link).
 */
export async function fileRoutes(
  root: FastifyInstance,
  registry: RouteRegistry,
  d: { files: CommandFileService; link: AgentLinkService; agentBuilds: AgentBuildService },
): Promise<void> {
  await root.register((scope, _opts, done) => {
    // The body stays a stream: the service reads it a chunk at a time (and enforces the size).
    scope.addContentTypeParser('application/octet-stream', (_req, payload, next) => {
      next(null, payload);
    });
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const routes = registry.on(scope);
    const agentOf = async (request: FastifyRequest): Promise<LinkedAgent> => {
      const credentials = basicCredentials(request);
      const agent = credentials
        ? await d.link.authenticate(credentials.login, credentials.password, request.ip)
        : 'bad_credentials';
      if (typeof agent === 'string')
        throw new ServiceError('UNAUTHENTICATED', 'Wrong agent account name or password.', 401);
      return agent;
    };

    routes.org('uploadFile', (ctx, { query, request }) =>
      d.files.upload(ctx, query.name, query.kind, incoming(request)),
    );
    routes.org('downloadFile', async (ctx, { params, reply }) =>
      sendFile(reply, await d.files.download(ctx, params.fileId)),
    );

    app.get(
      '/agent/v1/files/:fileId',
      { schema: { hide: true, params: Type.Object({ fileId: Type.String({ format: 'uuid' }) }) } },
      async (req, reply) => {
        const agent = await agentOf(req);
        const file = await d.files.forAgent(agent.org.id, req.params.fileId);
        if (!file) throw ServiceError.notFound('The file');
        return sendFile(reply, file);
      },
    );
    // The build this hub offers, for an agent updating itself (docs/agent-install.md § Self-update).
    // `?flavor=linux-x64`: the single executable, for agents that run as one.
    app.get(
      '/agent/v1/build',
      {
        schema: {
          hide: true,
          querystring: Type.Object(
            { flavor: Type.Optional(Type.Enum(['mjs', 'linux-x64'] as const)) },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        await agentOf(req);
        const file =
          req.query.flavor === 'linux-x64'
            ? await d.agentBuilds.openExecutableForAgent()
            : await d.agentBuilds.openForAgent().then(({ build, stream }) => ({ ...build, stream }));
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-length', String(file.bytes))
          .header('x-content-sha256', file.sha256)
          .header('cache-control', 'no-store')
          .send(file.stream);
      },
    );
    app.post(
      '/agent/v1/files',
      {
        schema: {
          hide: true,
          querystring: Type.Object(
            { name: FileName, kind: Type.Enum(['backup', 'logs'] as const satisfies readonly FileKind[]) },
            { additionalProperties: false },
          ),
          response: { 201: FileInfo },
        },
      },
      async (req, reply) => {
        const agent = await agentOf(req);
        return reply
          .status(201)
          .send(
            await d.files.fromAgent(
              agent.org.id,
              agent.account.name,
              req.query.name,
              req.query.kind,
              incoming(req),
            ),
          );
      },
    );
    done();
  });
}
