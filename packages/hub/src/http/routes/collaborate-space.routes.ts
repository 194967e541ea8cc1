import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsStepError } from '../../adapters/collaborate-space.ts';
import { csLandingPath, type CollaborateSpaceService } from '../../services/collaborate-space.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { requireSession } from '../request-auth.ts';

export interface CollaborateSpaceRouteDeps {
  collaborateSpace: CollaborateSpaceService;
}

const ok = { ok: true as const };

/** COLLABORATE Space: links (My Account), the dashboard's video part, CS users from Add Users. */
export function collaborateSpaceRoutes(routes: ContractRoutes, d: CollaborateSpaceRouteDeps): void {
  const cs = d.collaborateSpace;
  routes.org('getCollaborateSpaceLinks', (ctx) => cs.links(ctx));
  routes.org('startCollaborateSpaceLink', (ctx, { body }) => cs.start(ctx, body));
  routes.org('removeCollaborateSpaceLink', async (ctx, { query }) => {
    await cs.unlink(ctx, query.scope);
    return ok;
  });
  routes.org('getCollaborateSpaceDashboard', (ctx) => cs.dashboard(ctx));
  routes.org('createCollaborateSpaceUsers', (ctx, { body }) => cs.createUsers(ctx, body));

  /** A failed step ends in My Account, which says what went wrong; the log has the details. */
  const failed = (request: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply => {
    if (e instanceof CsStepError) {
      request.log.warn({ step: e.step, reason: e.message }, 'COLLABORATE Space link failed');
      return reply.redirect(`${csLandingPath}&collaborateSpace=failed&step=${e.step}`, 302);
    }
    request.log.error({ err: e }, 'COLLABORATE Space link failed unexpectedly');
    return reply.redirect(`${csLandingPath}&collaborateSpace=failed`, 302);
  };

  routes.plain('finishCollaborateSpaceLink', async ({ query, request, reply }) => {
    const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let linked: { orgId: string; scope: string };
    try {
      linked = await cs.finish(rawQuery, query.state, requireSession(request).actor);
    } catch (e) {
      return failed(request, reply, e);
    }
    return reply.redirect(
      `${csLandingPath}&collaborateSpace=linked&scope=${linked.scope}&org=${linked.orgId}`,
      302,
    );
  });
}
