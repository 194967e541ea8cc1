import { Value } from 'typebox/value';
import { LicenseFile, licenseSigningText, type LicenseStatus, type LicenseTerms } from '@crosspoint/protocol';
import type { LicenseRepository } from '../repositories/license.repository.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { LicenseVerifier } from '../adapters/license-signature.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/** Devices an enterprise installation may monitor before a license is uploaded. */
export const unlicensedCapacity = 5;

const invalid = (why: string): ServiceError =>
  ServiceError.invalid('LICENSE_INVALID', `This license file cannot be used: ${why}.`);

/** Enterprise edition: Settings › Subscription and License › Upgrade License. */
export class LicenseService {
  constructor(
    private readonly licenses: LicenseRepository,
    private readonly orgs: OrganizationRepository,
    private readonly verifier: LicenseVerifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(ctx: OrgContext): Promise<LicenseStatus> {
    requirePermission(ctx, 'org.read');
    this.requireEnterprise(ctx);
    const row = await this.licenses.current(ctx.org.id);
    const now = this.clock();
    if (!row)
      return { edition: 'enterprise', capacity: unlicensedCapacity, unlicensedCapacity, license: null };
    const terms = parse(row.document).license;
    const expired = row.expiresAt !== null && row.expiresAt <= now;
    return {
      edition: 'enterprise',
      capacity: expired ? unlicensedCapacity : row.devices,
      unlicensedCapacity,
      license: {
        id: terms.id,
        licensee: row.licensee,
        devices: row.devices,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        installedAt: row.installedAt.toISOString(),
        expired,
      },
    };
  }

  async upload(ctx: OrgContext, document: string): Promise<LicenseStatus> {
    requirePermission(ctx, 'license.manage');
    this.requireEnterprise(ctx);
    const file = parse(document);
    if (!this.verifier.verify(licenseSigningText(file.license), file.signature)) {
      throw invalid('its signature does not match (was it edited, or issued for another installation?)');
    }
    const expiresAt = file.license.expiresAt ? new Date(file.license.expiresAt) : null;
    if (expiresAt && expiresAt <= this.clock())
      throw invalid(`it expired on ${file.license.expiresAt ?? ''}`);
    await this.licenses.install({
      orgId: ctx.org.id,
      licensee: file.license.licensee,
      devices: file.license.devices,
      expiresAt,
      document,
    });
    await this.orgs.update(ctx.org.id, { devicePool: file.license.devices });
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'license.installed',
      targetType: 'license',
      targetId: file.license.id,
      detail: {
        licensee: file.license.licensee,
        devices: file.license.devices,
        expiresAt: file.license.expiresAt,
      },
    });
    return this.status(ctx);
  }

  private requireEnterprise(ctx: OrgContext): void {
    if (ctx.org.kind !== 'enterprise')
      throw ServiceError.invalid('BAD_REQUEST', 'Licenses apply to the enterprise edition only.');
  }
}

function parse(document: string): { license: LicenseTerms; signature: string } {
  let json: unknown;
  try {
    json = JSON.parse(document);
  } catch {
    throw invalid('it is not a Crosspoint license file (not JSON)');
  }
  if (!Value.Check(LicenseFile, json)) {
    const first = Value.Errors(LicenseFile, json)[0];
    throw invalid(
      `it is not a Crosspoint license file (${first ? `${first.instancePath || '/'} ${first.message}` : 'wrong shape'})`,
    );
  }
  return json;
}
