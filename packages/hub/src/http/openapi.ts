import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorBody } from '@crosspoint/protocol';

/** OpenAPI is derived from the route schemas: served at /api/openapi.json, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Crosspoint hub API',
        version,
        description:
          'REST API of the Crosspoint hub. Every error answers with the ErrorBody shape: a stable `code` and a human `message`.',
      },
      tags: [{ name: 'system', description: 'Health, readiness, metrics and identity' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
