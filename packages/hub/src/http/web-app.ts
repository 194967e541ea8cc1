import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { notFoundBody } from './error-handler.ts';

const apiLike = /^\/(api|agent|healthz|readyz|metrics)(\/|$|\?)/;

/** The build's own files: a missing one is a 404, never the app (a script answered with HTML breaks the page). */
const assetPath = /^\/assets\//;

/** `assets/DevicesScreen-CgdbRBma.js`: Vite names what it builds by a hash of the content. */
const hashedAsset = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** The build step writes these beside each file; they are sent for the file, never asked for by name. */
const precompressed = /\.(br|gz)$/;

export const cacheForever = 'public, max-age=31536000, immutable';
export const revalidate = 'no-cache';

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Crosspoint</title>
<body style="font-family:system-ui;margin:3rem;max-width:40rem">
<h1>Crosspoint hub is running</h1>
<p>The web app has not been built in this checkout. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API is available: <a href="/api/docs">API docs</a> · <a href="/healthz">health</a>.</p></body>`;

/**
 * Serves the built single-page app at `/`. Unknown non-API paths answer index.html so deep links
 * work; unknown API paths and missing build files answer the JSON 404.
 *
 * - Each file goes out precompressed when the browser accepts it (`<file>.br`, else `<file>.gz`,
 *   written by the web build), with `content-encoding` and `vary: accept-encoding`.
 * - Hashed build files never change under their name: cached for a year, `immutable`. Everything
 *   else (index.html, which names the current ones) is revalidated on every use (`no-cache`).
 * - Source maps are not served, should a build leave any in the folder.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      allowedPath: (pathname) => !pathname.endsWith('.map') && !precompressed.test(pathname),
      setHeaders: (reply: FastifyReply, path: string) => {
        const file = relative(webDir, path).split(sep).join('/').replace(precompressed, '');
        reply.header('cache-control', hashedAsset.test(file) ? cacheForever : revalidate);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url;
    if (request.method === 'GET' && !apiLike.test(path) && !assetPath.test(path)) {
      reply.header('cache-control', revalidate);
      if (!built) return reply.type('text/html').send(notBuilt);
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, path, request.id));
  });
}
