import type { Static, TSchema } from 'typebox';
import type { Permission } from '../auth/roles.ts';

/**
 * The shape of one entry of the route table (api/routes/): everything the hub needs to register a
 * route and the web app needs to call it. The table is data; the hub's registrar
 * (hub/src/http/contract-routes.ts) turns it into Fastify routes with these schemas, and the web
 * app's client (web/src/api/client.ts) takes its types from it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route:
 * - `public`: anyone (sign-in, password reset, health);
 * - `signed-in`: a person's session or an API token;
 * - `session`: a signed-in person only, not an API token;
 * - `operator`: a platform (or enterprise) operator;
 * - a permission: someone whose role in `:orgId` has it. An organization the caller cannot see
 *   answers 404, a permission the role lacks 403 (docs/roles.md).
 */
export type RouteAccess = 'public' | 'signed-in' | 'session' | 'operator' | Permission;

/** Whether a route's access is a permission in its organization (not one of the four kinds of caller). */
export const isPermissionAccess = (access: RouteAccess): access is Permission =>
  access !== 'public' && access !== 'signed-in' && access !== 'session' && access !== 'operator';

export interface RouteDefinition {
  method: HttpMethod;
  /** Fastify-style path: `:name` for a path parameter. */
  path: string;
  summary: string;
  tags: readonly string[];
  access: RouteAccess;
  params?: TSchema;
  query?: TSchema;
  /** A JSON body. */
  body?: TSchema;
  /** The body is the file itself (`application/octet-stream`), streamed. */
  upload?: true;
  /** The JSON answer. Without one the answer is not JSON: a file download or an event stream. */
  answer?: TSchema;
  /** The status of a successful answer (200 when not given). */
  status?: 200 | 201 | 202;
  /** Other statuses that carry the same answer (e.g. readiness: 503 with the same body). */
  alsoAnswers?: readonly number[];
  /**
   * The answer is a redirect (302 with a Location header): a step of a browser's navigation, e.g.
   * an OpenID sign-in. Input the schemas refuse is still answered with a 4xx in the error shape.
   */
  redirect?: true;
}

/** Declares a route table entry (the identity, for the literal types). */
export const route = <const R extends RouteDefinition>(definition: R): R => definition;

type Input<R, K extends string> = R extends Record<K, infer S extends TSchema> ? Static<S> : undefined;

/** The path parameters of a route (`undefined` when it has none). */
export type RouteParams<R> = Input<R, 'params'>;
/** The query of a route (`undefined` when it has none). */
export type RouteQuery<R> = Input<R, 'query'>;
/** The JSON body of a route (`undefined` when it has none). */
export type RouteBody<R> = Input<R, 'body'>;
/** The JSON answer of a route (`undefined` for a file or an event stream). */
export type RouteAnswer<R> = Input<R, 'answer'>;

/**
 * What a caller passes to call a route: its path parameters, query and body, each only when the
 * route has one (a query whose fields are all optional may be left out).
 */
export type RouteInput<R> = (R extends Record<'params', infer S extends TSchema>
  ? { params: Static<S> }
  : unknown) &
  (R extends Record<'query', infer S extends TSchema>
    ? object extends Static<S>
      ? { query?: Static<S> }
      : { query: Static<S> }
    : unknown) &
  (R extends Record<'body', infer S extends TSchema> ? { body: Static<S> } : unknown);
