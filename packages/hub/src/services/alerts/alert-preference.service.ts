import type { AlertPreference, AlertPreferences, UpdateAlertPreferenceRequest } from '@crosspoint/protocol';
import type { AlertConfigRepository } from '../../repositories/alert-config.repository.ts';
import type { UserRepository } from '../../repositories/user.repository.ts';
import type { AccessService } from '../access.service.ts';
import type { AuditService } from '../audit.service.ts';
import type { Actor } from '../context.ts';
import { ServiceError } from '../service-error.ts';

/** Each user's alert channels per organization (email, SMS) and the rules they muted. */
export class AlertPreferenceService {
  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      users: UserRepository;
      access: AccessService;
      audit: AuditService;
    },
  ) {}

  /** The signed-in user's channels in every organization they can act in. */
  async preferences(actor: Actor): Promise<AlertPreferences> {
    const user = await this.person(actor);
    const [choices, saved] = await Promise.all([
      this.deps.access.choices(user.id),
      this.deps.config.preferences(user.id),
    ]);
    return {
      smsNumber: user.smsVerifiedAt ? user.smsNumber : null,
      items: choices.map((c) => {
        const p = saved.find((s) => s.orgId === c.id);
        return {
          orgId: c.id,
          orgName: c.name,
          email: p ? p.email : c.via === 'member',
          sms: p?.sms ?? false,
          mutedRuleIds: p?.mutedRuleIds ?? [],
          custom: p !== undefined,
        };
      }),
    };
  }

  async updatePreference(
    actor: Actor,
    orgId: string,
    req: UpdateAlertPreferenceRequest,
  ): Promise<AlertPreference> {
    const user = await this.person(actor);
    const ctx = await this.deps.access.resolve(actor, orgId);
    const saved = (await this.deps.config.preferences(user.id)).find((p) => p.orgId === orgId);
    const direct = (await this.deps.users.membership(user.id, orgId)) !== undefined;
    const next = {
      email: req.email ?? saved?.email ?? direct,
      sms: req.sms ?? saved?.sms ?? false,
      mutedRuleIds: req.mutedRuleIds ?? saved?.mutedRuleIds ?? [],
    };
    if (req.sms === true && !(user.smsNumber && user.smsVerifiedAt)) {
      throw ServiceError.conflict(
        'SMS_NOT_VERIFIED',
        'Add and verify your SMS number first (Settings › My Account, or PUT /api/v1/me/sms-number and POST /api/v1/me/sms-number/verify).',
      );
    }
    if (req.mutedRuleIds) {
      const known = new Set((await this.deps.config.rules(orgId)).map((r) => r.id));
      if (req.mutedRuleIds.some((id) => !known.has(id))) throw ServiceError.notFound('The alert rule');
    }
    const row = await this.deps.config.savePreference({ userId: user.id, orgId, ...next });
    await this.deps.audit.record(actor, {
      orgId,
      action: 'alerts.preferences_changed',
      targetType: 'user',
      targetId: user.id,
      detail: next,
    });
    return {
      orgId,
      orgName: ctx.org.name,
      email: row.email,
      sms: row.sms,
      mutedRuleIds: row.mutedRuleIds,
      custom: true,
    };
  }

  private async person(actor: Actor) {
    if (!actor.userId)
      throw ServiceError.forbidden('Only people choose how alerts reach them; API tokens have no inbox.');
    const user = await this.deps.users.byId(actor.userId);
    if (!user) throw ServiceError.notFound('The user');
    return user;
  }
}
