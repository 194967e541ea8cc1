import type { FastifyInstance } from 'fastify';

/**
 * Protocol schemas carry `$id`s (their names). Used inside other schemas, and on many routes, they
 * would clash in Fastify's validator and serializer ("reference resolves to more than one schema"),
 * so every route gets copies with each `$id` turned into a `title`: same validation, and OpenAPI
 * still shows the names.
 */
export function registerRouteSchemaCopies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema) route.schema = withTitles(route.schema) as typeof route.schema;
  });
}

function withTitles(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withTitles);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$id') {
      if (typeof v === 'string' && !('title' in value)) out.title = v;
      continue;
    }
    out[key] = withTitles(v);
  }
  return out;
}
