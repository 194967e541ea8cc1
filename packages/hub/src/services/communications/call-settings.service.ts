import type { CallSettings, EffectiveCallSettings, IceServer } from '@crosspoint/protocol';
import type { Sealer } from '../../adapters/sealer.ts';
import type { CallSettingsRepository } from '../../repositories/call-settings.repository.ts';
import type { OrganizationRepository } from '../../repositories/organization.repository.ts';
import type { AuditService } from '../audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from '../context.ts';

const sealContext = (orgId: string) => `turn-credential:${orgId}`;

/**
 * The STUN/TURN servers the browsers of an organization use for calls: its own, else its support
 * organization's (clients inherit), else none (a direct path on one network only). TURN
 * credentials are sealed at rest and given to the organization's people, whose browsers need them.
 */
export class CallSettingsService {
  constructor(
    private readonly d: {
      repo: CallSettingsRepository;
      orgs: OrganizationRepository;
      sealer: Sealer;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  async get(ctx: OrgContext): Promise<EffectiveCallSettings> {
    const own = await this.d.repo.of(ctx.org.id);
    if (own) return this.open(ctx.org.id, own, null);
    if (ctx.org.kind === 'client' && ctx.org.parentId) {
      const parent = await this.d.orgs.byId(ctx.org.parentId);
      const inherited = parent ? await this.d.repo.of(parent.id) : undefined;
      if (parent && inherited) return this.open(parent.id, inherited, { id: parent.id, name: parent.name });
    }
    return { iceServers: [], iceTransportPolicy: 'all', inheritedFrom: null };
  }

  async set(ctx: OrgContext, body: CallSettings): Promise<EffectiveCallSettings> {
    requirePermission(ctx, 'org.update');
    if (body.iceServers.length === 0) await this.d.repo.clear(ctx.org.id);
    else
      await this.d.repo.set({
        orgId: ctx.org.id,
        iceServers: body.iceServers.map((s) => ({
          urls: s.urls,
          ...(s.username !== undefined ? { username: s.username } : {}),
          ...(s.credential !== undefined
            ? { credential: this.d.sealer.seal(s.credential, sealContext(ctx.org.id)) }
            : {}),
        })),
        iceTransportPolicy: body.iceTransportPolicy,
        updatedAt: this.d.clock(),
      });
    // The servers' addresses, never their credentials.
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'call-settings.updated',
      targetType: 'organization',
      targetId: ctx.org.id,
      detail: { urls: body.iceServers.flatMap((s) => s.urls), policy: body.iceTransportPolicy },
    });
    return this.get(ctx);
  }

  private open(
    orgId: string,
    stored: { iceServers: IceServer[]; iceTransportPolicy: 'all' | 'relay' },
    inheritedFrom: EffectiveCallSettings['inheritedFrom'],
  ): EffectiveCallSettings {
    return {
      iceServers: stored.iceServers.map((s) => ({
        ...s,
        ...(s.credential !== undefined
          ? { credential: this.d.sealer.open(s.credential, sealContext(orgId)) }
          : {}),
      })),
      iceTransportPolicy: stored.iceTransportPolicy,
      inheritedFrom,
    };
  }
}
