import { randomUUID } from 'node:crypto';
import {
  csPresences,
  type CreateCsUsersAnswer,
  type CreateCsUsersRequest,
  type CsDashboard,
  type CsLink,
  type CsLinks,
  type CsLinkScope,
  type StartCsLinkRequest,
  type VideoStatus,
} from '@crosspoint/protocol';
import { CsStepError, type CollaborateSpaceClient } from '../adapters/collaborate-space.ts';
import { SealError, type Sealer } from '../adapters/sealer.ts';
import type {
  CollaborateSpaceRepository,
  CsLinkRecord,
} from '../repositories/collaborate-space.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import type { DeviceService } from './device.service.ts';
import { hashSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

export const csSealContext = (linkId: string) => `collaborate-space:${linkId}`;
export const csCallbackPath = '/api/v1/collaborate-space/callback';
/** Where My Account is: the callback lands there. */
export const csLandingPath = '/settings?tab=account';
const stateTtlMs = 10 * 60_000;
/** A token this close to its expiry is refreshed before use. */
const refreshMarginMs = 30_000;

type CsPart = CsDashboard['collaborateSpace'];

/**
 * COLLABORATE Space links and what the hub reads through them (docs/collaborate-space.md).
 * Linking: any member links their own CS account in the organization they work in; the
 * organization's link (the dashboard's) needs `org.update`. The browser goes to CS's consent page
 * (state and PKCE verifier kept here, 10 minutes, single use, bound to the person who started it)
 * and comes back with a code; the tokens are sealed per link and refreshed before they expire
 * (CS rotates refresh tokens: each refresh stores the new pair). A failing CS fails the one request
 * asking: the dashboard says "unreachable", adding users says it per person.
 */
export class CollaborateSpaceService {
  private readonly cache = new Map<string, { until: number; part: CsPart }>();
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    private readonly d: {
      repo: CollaborateSpaceRepository;
      cs: CollaborateSpaceClient;
      sealer: Sealer;
      audit: AuditService;
      devices: DeviceService;
      clock: Clock;
      publicUrl: string;
      /** The cloud CS address, used when a link names none. */
      defaultBaseUrl: string;
      /** How long the dashboard's CS part is reused per organization (ms). */
      cacheMs: number;
    },
  ) {}

  get redirectUri(): string {
    return `${this.d.publicUrl.replace(/\/+$/, '')}${csCallbackPath}`;
  }

  private view(link: CsLinkRecord | undefined, scope: CsLinkScope): CsLink | null {
    if (!link) return null;
    return {
      scope,
      baseUrl: link.baseUrl,
      csUserName: link.csUserName,
      csUserEmail: link.csUserEmail,
      csRole: link.csRole,
      canCreateUsers: link.csRole === 'administrator',
      linkedAt: link.linkedAt.toISOString(),
    };
  }

  private personOf(ctx: OrgContext): string {
    if (!ctx.actor.userId || ctx.actor.token)
      throw ServiceError.forbidden('Only a signed-in person links to COLLABORATE Space, not an API token.');
    return ctx.actor.userId;
  }

  private holderOf(ctx: OrgContext, scope: CsLinkScope): string | null {
    if (scope === 'organization') {
      requirePermission(ctx, 'org.update');
      return null;
    }
    return this.personOf(ctx);
  }

  async links(ctx: OrgContext): Promise<CsLinks> {
    requirePermission(ctx, 'org.read');
    const person = ctx.actor.userId ? await this.d.repo.link(ctx.org.id, ctx.actor.userId) : undefined;
    const org = await this.d.repo.link(ctx.org.id, null);
    return {
      person: this.view(person, 'person'),
      organization: this.view(org, 'organization'),
      defaultBaseUrl: this.d.defaultBaseUrl,
    };
  }

  /** Starts a link: CS's consent page URL (the browser goes there). */
  async start(ctx: OrgContext, req: StartCsLinkRequest): Promise<{ url: string }> {
    requirePermission(ctx, 'org.read');
    const userId = this.personOf(ctx);
    this.holderOf(ctx, req.scope);
    let baseUrl: string;
    try {
      baseUrl = this.d.cs.checkBaseUrl(req.baseUrl?.trim() || this.d.defaultBaseUrl);
    } catch (e) {
      if (e instanceof CsStepError)
        throw ServiceError.invalid('VALIDATION_FAILED', e.message, [
          { path: '/baseUrl', message: e.message },
        ]);
      throw e;
    }
    const secrets = this.d.cs.newSecrets();
    const url = await this.d.cs.authorizationUrl(baseUrl, { ...secrets, redirectUri: this.redirectUri });
    const now = this.d.clock();
    await this.d.repo.saveState(
      {
        stateHash: hashSecret(secrets.state),
        orgId: ctx.org.id,
        userId,
        scope: req.scope,
        baseUrl,
        codeVerifier: secrets.codeVerifier,
        expiresAt: new Date(now.getTime() + stateTtlMs),
      },
      now,
    );
    return { url: url.href };
  }

  /**
   * Finishes a link from CS's answer (`rawQuery` as sent) for the signed-in person who started it.
   * Throws CsStepError (the route turns it into a redirect to My Account with the step).
   */
  async finish(
    rawQuery: string,
    state: string | undefined,
    actor: Actor,
  ): Promise<{ orgId: string; scope: CsLinkScope }> {
    const userId = actor.userId;
    if (!userId || actor.token)
      throw new CsStepError('state', 'Only a signed-in person links to COLLABORATE Space.');
    if (!state) throw new CsStepError('state', 'COLLABORATE Space’s answer carries no state.');
    const pending = await this.d.repo.takeState(hashSecret(state));
    if (!pending || pending.expiresAt <= this.d.clock())
      throw new CsStepError('state', 'The link request has expired or was used already.');
    if (pending.userId !== userId) throw new CsStepError('state', 'The link was started by someone else.');
    const callbackUrl = new URL(this.redirectUri);
    callbackUrl.search = rawQuery;
    const tokens = await this.d.cs.exchangeCode(pending.baseUrl, callbackUrl, {
      state,
      codeVerifier: pending.codeVerifier,
      redirectUri: this.redirectUri,
    });
    const me = await this.d.cs.me(pending.baseUrl, tokens.accessToken);
    const id = randomUUID();
    const seal = (v: string) => this.d.sealer.seal(v, csSealContext(id));
    const holder = pending.scope === 'organization' ? null : userId;
    const previous = await this.d.repo.link(pending.orgId, holder);
    await this.d.repo.save({
      id,
      orgId: pending.orgId,
      userId: holder,
      baseUrl: pending.baseUrl,
      csUserId: me.id,
      csUserName: me.name,
      csUserEmail: me.email,
      csRole: me.role,
      accessToken: seal(tokens.accessToken),
      refreshToken: seal(tokens.refreshToken),
      expiresAt: tokens.expiresAt,
      linkedBy: userId,
    });
    if (previous) await this.revokeAtCs(previous);
    this.cache.delete(pending.orgId);
    await this.d.audit.record(actor, {
      orgId: pending.orgId,
      action: 'collaborate_space.linked',
      targetType: 'collaborate_space_link',
      targetId: id,
      detail: { scope: pending.scope, baseUrl: pending.baseUrl, csUser: me.email, csRole: me.role },
    });
    return { orgId: pending.orgId, scope: pending.scope };
  }

  private async revokeAtCs(link: CsLinkRecord): Promise<void> {
    try {
      await this.d.cs.revoke(link.baseUrl, this.d.sealer.open(link.refreshToken, csSealContext(link.id)));
    } catch {
      // A token that no longer opens is simply dropped.
    }
  }

  async unlink(ctx: OrgContext, scope: CsLinkScope): Promise<void> {
    requirePermission(ctx, 'org.read');
    const holder = this.holderOf(ctx, scope);
    const removed = await this.d.repo.remove(ctx.org.id, holder);
    if (!removed) return;
    await this.revokeAtCs(removed);
    this.cache.delete(ctx.org.id);
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'collaborate_space.unlinked',
      targetType: 'collaborate_space_link',
      targetId: removed.id,
      detail: { scope, csUser: removed.csUserEmail },
    });
  }

  /** A usable access token for the link, refreshed first when it is about to expire (one refresh at a time). */
  /** A stored token, opened; one that no longer opens (another hub key) means linking again. */
  private opened(link: CsLinkRecord, sealed: string): string {
    try {
      return this.d.sealer.open(sealed, csSealContext(link.id));
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      throw new CsStepError(
        'unauthorized',
        `The stored COLLABORATE Space access cannot be read: ${e.message}`,
      );
    }
  }

  private async accessToken(link: CsLinkRecord): Promise<string> {
    if (link.expiresAt.getTime() - refreshMarginMs > this.d.clock().getTime())
      return this.opened(link, link.accessToken);
    const running = this.refreshing.get(link.id);
    if (running) return running;
    const refresh = (async () => {
      const tokens = await this.d.cs.refresh(link.baseUrl, this.opened(link, link.refreshToken));
      await this.d.repo.updateTokens(link.id, {
        accessToken: this.d.sealer.seal(tokens.accessToken, csSealContext(link.id)),
        refreshToken: this.d.sealer.seal(tokens.refreshToken, csSealContext(link.id)),
        expiresAt: tokens.expiresAt,
      });
      return tokens.accessToken;
    })().finally(() => this.refreshing.delete(link.id));
    this.refreshing.set(link.id, refresh);
    return refresh;
  }

  private async videoStatus(ctx: OrgContext): Promise<CsDashboard['videoStatus']> {
    const count = async (status: VideoStatus) =>
      (await this.d.devices.list(ctx, { kind: 'video', status, limit: 1 })).total;
    const [down, communicationServiceFailed, healthy] = await Promise.all([
      count('Down'),
      count('Communication Service Failed'),
      count('Healthy'),
    ]);
    return { down, communicationServiceFailed, healthy };
  }

  private async csPart(orgId: string): Promise<CsPart> {
    const cached = this.cache.get(orgId);
    const now = this.d.clock().getTime();
    if (cached && cached.until > now) return cached.part;
    const link = await this.d.repo.link(orgId, null);
    if (!link) return { state: 'not-linked' };
    let part: CsPart;
    try {
      const token = await this.accessToken(link);
      const [users, resources, licenses, calls] = await Promise.all([
        this.d.cs.users(link.baseUrl, token),
        this.d.cs.resources(link.baseUrl, token),
        this.d.cs.licenses(link.baseUrl, token),
        this.d.cs.calls(link.baseUrl, token),
      ]);
      const presence = Object.fromEntries(csPresences.map((p) => [p, 0])) as Record<
        (typeof csPresences)[number],
        number
      >;
      for (const u of users) presence[u.presence] += 1;
      const registered = resources.filter((r) => r.registered).length;
      part = {
        state: 'linked',
        fetchedAt: new Date(now).toISOString(),
        presence,
        resources: { registered, unregistered: resources.length - registered },
        licenses,
        calls: calls.slice(0, 20),
      };
    } catch (e) {
      if (!(e instanceof CsStepError)) throw e;
      part = { state: 'unreachable', step: e.step, message: e.message };
    }
    this.cache.set(orgId, { until: now + this.d.cacheMs, part });
    return part;
  }

  async dashboard(ctx: OrgContext): Promise<CsDashboard> {
    requirePermission(ctx, 'devices.read');
    const [videoStatus, collaborateSpace] = await Promise.all([
      this.videoStatus(ctx),
      this.csPart(ctx.org.id),
    ]);
    return { videoStatus, collaborateSpace };
  }

  /** Creates people as CS users through the signed-in person's link: one result per person. */
  async createUsers(ctx: OrgContext, req: CreateCsUsersRequest): Promise<CreateCsUsersAnswer> {
    requirePermission(ctx, 'users.manage');
    const link = await this.d.repo.link(ctx.org.id, this.personOf(ctx));
    if (!link)
      throw new ServiceError(
        'COLLABORATE_SPACE_NOT_LINKED',
        'Link your account to COLLABORATE Space in My Account first.',
        409,
      );
    let token: string;
    try {
      token = await this.accessToken(link);
    } catch (e) {
      if (!(e instanceof CsStepError)) throw e;
      const failure = { created: false, step: e.step, message: e.message };
      return { results: req.people.map((p) => ({ email: p.email, ...failure })) };
    }
    const results: CreateCsUsersAnswer['results'] = [];
    for (const person of req.people) {
      try {
        await this.d.cs.createUser(link.baseUrl, token, person);
        results.push({ email: person.email, created: true });
      } catch (e) {
        if (!(e instanceof CsStepError)) throw e;
        results.push({ email: person.email, created: false, step: e.step, message: e.message });
      }
    }
    const created = results.filter((r) => r.created).map((r) => r.email);
    if (created.length)
      await this.d.audit.record(ctx.actor, {
        orgId: ctx.org.id,
        action: 'collaborate_space.users_created',
        targetType: 'collaborate_space_link',
        targetId: link.id,
        detail: { emails: created },
      });
    this.cache.delete(ctx.org.id);
    return { results };
  }
}
