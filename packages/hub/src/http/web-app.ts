import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { notFoundBody } from './error-handler.ts';

const apiLike = /^\/(api|agent|healthz|readyz|metrics)(\/|$|\?)/;

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Crosspoint</title>
<body style="font-family:system-ui;margin:3rem;max-width:40rem">
<h1>Crosspoint hub is running</h1>
<p>The web app has not been built in this checkout. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is available: <a href="/api/docs">API docs</a> · <a href="/healthz">health</a>.</p></body>`;

/**
 * Serves the built single-page app at `/`. Unknown non-API paths answer index.html so deep links
 * work; unknown API paths answer the JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url;
    if (request.method === 'GET' && !apiLike.test(path)) {
      if (!built) return reply.type('text/html').send(notBuilt);
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, path, request.id));
  });
}
