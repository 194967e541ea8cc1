import { HttpError, type ControlRoute } from '../control/http.ts';
import { csPresences, type CsPresence } from './cs-directory.ts';
import type { CollaborateSpace } from './cs-server.ts';

const objectBody = (body: unknown): Record<string, unknown> => {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'BAD_REQUEST', 'the body must be a JSON object');
  return body as Record<string, unknown>;
};

/**
 * The simulated COLLABORATE Space's part of the control API (a codec's registration is the codec's
 * own `cs_fail` fault, under /faults):
 *   GET    /collaborate                          its URL, users, resources, licenses, faults, active grants
 *   PUT    /collaborate/users/:id/presence       body { presence: online|busy|away|offline } (id or email)
 *   PUT    /collaborate/faults/api_fail          the REST API answers 503
 *   PUT    /collaborate/faults/api_slow          body { delayMs } — the REST API answers late
 *   DELETE /collaborate/faults/:name             clears one
 *   POST   /collaborate/revoke                   body { userId? } — revokes every grant (of one user)
 *   POST   /collaborate/calls                    logs one more call now
 */
export function collaborateControlRoutes(cs: CollaborateSpace): ControlRoute[] {
  return [
    [
      'GET',
      /^\/collaborate$/,
      () => ({
        url: cs.url,
        users: cs.directory.users,
        resources: cs.directory.resources(),
        licenses: cs.directory.licensesNow(),
        faults: cs.faults,
        activeGrants: cs.oauth.activeGrants(),
      }),
    ],
    [
      'PUT',
      /^\/collaborate\/users\/([^/]+)\/presence$/,
      ([id = ''], body) => {
        const user = cs.directory.user(id);
        if (!user) throw new HttpError(404, 'UNKNOWN_TARGET', `no CS user "${id}"`);
        const presence = objectBody(body).presence;
        if (!csPresences.includes(presence as CsPresence))
          throw new HttpError(400, 'BAD_REQUEST', `presence must be one of ${csPresences.join(', ')}`);
        user.presence = presence as CsPresence;
        return user;
      },
    ],
    [
      'PUT',
      /^\/collaborate\/faults\/([^/]+)$/,
      ([name = ''], body) => {
        if (name === 'api_fail') cs.faults.apiFail = true;
        else if (name === 'api_slow') {
          const delayMs = objectBody(body).delayMs ?? 10_000;
          if (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 120_000)
            throw new HttpError(400, 'BAD_REQUEST', 'delayMs must be an integer from 0 to 120000');
          cs.faults.apiSlowMs = delayMs;
        } else throw new HttpError(400, 'UNKNOWN_FAULT', `no CS fault "${name}" (api_fail, api_slow)`);
        return { fault: name, active: true };
      },
    ],
    [
      'DELETE',
      /^\/collaborate\/faults\/([^/]+)$/,
      ([name = '']) => {
        if (name === 'api_fail') cs.faults.apiFail = false;
        else if (name === 'api_slow') cs.faults.apiSlowMs = 0;
        else throw new HttpError(400, 'UNKNOWN_FAULT', `no CS fault "${name}" (api_fail, api_slow)`);
        return { fault: name, active: false };
      },
    ],
    [
      'POST',
      /^\/collaborate\/revoke$/,
      (_m, body) => {
        const userId = objectBody(body).userId;
        if (userId !== undefined && typeof userId !== 'string')
          throw new HttpError(400, 'BAD_REQUEST', 'userId must be a string');
        return { revoked: cs.oauth.revokeAll(userId) };
      },
    ],
    ['POST', /^\/collaborate\/calls$/, () => cs.directory.addCall()],
  ];
}
