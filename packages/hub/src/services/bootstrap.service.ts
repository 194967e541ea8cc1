import type { UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { OrganizationService } from './organization.service.ts';
import type { PasswordService } from './password.service.ts';
import type { Actor, Clock } from './context.ts';

/** First-run tasks of `crosspoint admin` and the demo: the platform operator account. */
export class BootstrapService {
  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Creates (or updates the password of) an Owner of the platform organization. */
  async createOperator(actor: Actor, input: { email: string; password: string; firstName?: string; lastName?: string }): Promise<{ userId: string; created: boolean }> {
    const platform = await this.organizations.ensurePlatform();
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.passwords.hashAcceptable(input.password, 'user', [email, input.firstName ?? '', input.lastName ?? '']);
    const existing = await this.users.byEmail(email);
    const now = this.clock();
    const user = existing
      ? await this.users.update(existing.id, { passwordHash, registeredAt: existing.registeredAt ?? now })
      : await this.users.create({ email, passwordHash, registeredAt: now, firstName: input.firstName ?? '', lastName: input.lastName ?? '' });
    if (!user) throw new Error('user vanished while bootstrapping');
    await this.users.addMembership(user.id, platform.id, 'owner');
    await this.audit.record(actor, { orgId: platform.id, action: 'operators.created', targetType: 'user', targetId: user.id, detail: { email } });
    return { userId: user.id, created: !existing };
  }
}
