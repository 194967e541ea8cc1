import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  LogLevel,
  preHandlerAsyncHookHandler,
} from 'fastify';
import {
  isPermissionAccess,
  routeTable,
  type OperationId,
  type Permission,
  type RouteAccess,
  type RouteAnswer,
  type RouteBody,
  type RouteDefinition,
  type RouteParams,
  type RouteQuery,
  type RouteTable,
} from '@crosspoint/protocol';
import type { AccessService } from '../services/access.service.ts';
import type { OrgContext } from '../services/context.ts';
import { requirePermission } from '../services/context.ts';
import { requireAuth, requireSession, type RequestAuth } from './request-auth.ts';

/** What a handler gets: the validated parameters, query and body of its route, and Fastify's objects. */
export interface RouteCall<R> {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  body: RouteBody<R>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** What a handler gives back: the route's answer (sent with the route's status), or the reply it sent itself. */
export type RouteResult<R> = Promise<RouteAnswer<R> | FastifyReply> | RouteAnswer<R> | FastifyReply;

export interface RouteOptions {
  preHandler?: preHandlerAsyncHookHandler;
  logLevel?: LogLevel;
}

/** Registers the routes of the table on an app (or on a scope of it, e.g. one with its own body parser). */
export interface ContractRoutes {
  /**
   * A route of an organization (`:orgId`): the caller must reach the organization (else 404) and
   * have the route's permission there (else 403) before the handler runs with the context.
   */
  org<K extends OperationId>(
    id: K,
    handler: (ctx: OrgContext, call: RouteCall<RouteTable[K]>) => RouteResult<RouteTable[K]>,
    options?: RouteOptions,
  ): void;
  /** Any other route: `public`, `signed-in` (session or API token), `session` or `operator`. */
  plain<K extends OperationId>(
    id: K,
    handler: (call: RouteCall<RouteTable[K]> & { auth: RequestAuth | null }) => RouteResult<RouteTable[K]>,
    options?: RouteOptions,
  ): void;
}

export interface RouteRegistry {
  on(app: FastifyInstance): ContractRoutes;
  /** Throws unless every route of the table has been registered once: a route cannot be forgotten. */
  assertComplete(): void;
}

const accessTexts: Record<Exclude<RouteAccess, Permission>, string> = {
  public: 'Open to anyone.',
  'signed-in': 'Needs a signed-in person or an API token.',
  session: 'Needs a signed-in person (not an API token).',
  operator: 'Needs a platform operator.',
};

const accessText = (access: RouteAccess): string =>
  isPermissionAccess(access)
    ? `Needs the \`${access}\` permission in the organization (docs/roles.md); another organization’s id answers 404.`
    : accessTexts[access];

/** A redirect: no body, the Location header says where the browser goes next. */
const redirectAnswer = {
  description: 'Redirect: the Location header says where the browser goes next.',
  type: 'null',
};

/** Fastify's route schema from a table entry: OpenAPI gets the operation id, the access rule and every answer status. */
function schemaOf(id: string, def: RouteDefinition) {
  const statuses = new Set([def.status ?? 200, 200, ...(def.alsoAnswers ?? [])]);
  return {
    operationId: id,
    tags: [...def.tags],
    summary: def.summary,
    description: accessText(def.access),
    ...(def.params ? { params: def.params } : {}),
    ...(def.query ? { querystring: def.query } : {}),
    ...(def.body ? { body: def.body } : {}),
    ...(def.answer ? { response: Object.fromEntries([...statuses].map((s) => [s, def.answer])) } : {}),
    ...(def.redirect ? { response: { 302: redirectAnswer } } : {}),
  };
}

/**
 * The hub's side of the contract in `@crosspoint/protocol` (api/routes/): each route is declared
 * there once (method, path, schemas, access) and registered here with its handler; the access rule
 * is enforced before the handler runs.
 */
export function createRouteRegistry(access: AccessService): RouteRegistry {
  const registered = new Set<OperationId>();

  const claim = (id: OperationId): RouteDefinition => {
    if (registered.has(id)) throw new Error(`Route ${id} is registered twice.`);
    registered.add(id);
    return routeTable[id];
  };

  const register = (
    app: FastifyInstance,
    id: OperationId,
    def: RouteDefinition,
    run: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
    options: RouteOptions | undefined,
  ) => {
    app.route({
      method: def.method,
      url: def.path,
      schema: schemaOf(id, def),
      ...(options?.preHandler ? { preHandler: options.preHandler } : {}),
      ...(options?.logLevel ? { logLevel: options.logLevel } : {}),
      handler: async (request, reply) => {
        const answer = await run(request, reply);
        if (answer === reply) return reply;
        return reply.status(def.status ?? 200).send(answer);
      },
    });
  };

  const callOf = <R>(request: FastifyRequest, reply: FastifyReply): RouteCall<R> => ({
    params: request.params as RouteParams<R>,
    query: request.query as RouteQuery<R>,
    body: request.body as RouteBody<R>,
    request,
    reply,
  });

  return {
    on: (app) => ({
      org(id, handler, options) {
        const def = claim(id);
        if (!def.path.includes(':orgId') || !(isPermissionAccess(def.access) || def.access === 'operator'))
          throw new Error(`Route ${id} is not a route of an organization with a permission.`);
        register(
          app,
          id,
          def,
          async (request, reply) => {
            const actor = requireAuth(request).actor;
            const ctx = await access.resolve(actor, (request.params as { orgId: string }).orgId);
            if (def.access === 'operator') await access.requireOperator(actor);
            else if (isPermissionAccess(def.access)) requirePermission(ctx, def.access);
            return handler(ctx, callOf(request, reply));
          },
          options,
        );
      },
      plain(id, handler, options) {
        const def = claim(id);
        if (isPermissionAccess(def.access))
          throw new Error(`Route ${id} needs a permission: register it with org().`);
        register(
          app,
          id,
          def,
          async (request, reply) => {
            if (def.access === 'signed-in') requireAuth(request);
            else if (def.access === 'session') requireSession(request);
            else if (def.access === 'operator') await access.requireOperator(requireAuth(request).actor);
            return handler({ ...callOf(request, reply), auth: request.auth ?? null });
          },
          options,
        );
      },
    }),
    assertComplete() {
      const missing = (Object.keys(routeTable) as OperationId[]).filter((id) => !registered.has(id));
      if (missing.length) throw new Error(`Routes of the table without a handler: ${missing.join(', ')}.`);
    },
  };
}
