import { Value } from 'typebox/value';
import {
  LicenseFile,
  licenseSigningText,
  licenseWarnDays,
  type LicenseState,
  type LicenseStatus,
  type LicenseTerms,
} from '@crosspoint/protocol';
import type { LicenseRecord, LicenseRepository } from '../repositories/license.repository.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { LicenseVerifier } from '../adapters/license-signature.ts';
import type { AuditService } from './audit.service.ts';
import { isoDay, requirePermission, type Clock, type OrgContext } from './context.ts';
import { applyTrial, trialEnded } from './editions.ts';
import { ServiceError } from './service-error.ts';
import { PeriodicTask } from './serial-runner.ts';

/** Devices an enterprise installation may monitor before a license is uploaded. */
export const unlicensedCapacity = 5;

export interface LicenseTiming {
  /** Days an expired license still grants its pool (CROSSPOINT_LICENSE_GRACE_DAYS). */
  graceDays: number;
  /** How often the hub checks whether a license ran out (ms; 0: never, tests call `checkAll`). */
  checkEveryMs: number;
}
export const defaultLicenseTiming: LicenseTiming = { graceDays: 14, checkEveryMs: 60 * 60 * 1000 };

const dayMs = 24 * 60 * 60 * 1000;

/** What an installed license (or none) grants at `now`. */
export function licenseStanding(
  row: Pick<LicenseRecord, 'devices' | 'expiresAt'> | undefined,
  now: Date,
  graceDays: number,
): { state: LicenseState; capacity: number; expiresAt: Date | null; graceEndsAt: Date | null } {
  if (!row) return { state: 'unlicensed', capacity: unlicensedCapacity, expiresAt: null, graceEndsAt: null };
  const expiresAt = row.expiresAt;
  if (!expiresAt) return { state: 'valid', capacity: row.devices, expiresAt: null, graceEndsAt: null };
  const graceEndsAt = new Date(expiresAt.getTime() + graceDays * dayMs);
  const t = now.getTime();
  const state: LicenseState =
    t >= graceEndsAt.getTime()
      ? 'expired'
      : t >= expiresAt.getTime()
        ? 'grace'
        : t >= expiresAt.getTime() - licenseWarnDays * dayMs
          ? 'expiring'
          : 'valid';
  return { state, capacity: state === 'expired' ? unlicensedCapacity : row.devices, expiresAt, graceEndsAt };
}

const invalid = (why: string): ServiceError =>
  ServiceError.invalid('LICENSE_INVALID', `This license file cannot be used: ${why}.`);

/** Enterprise edition: Settings › Subscription and License › Upgrade License. */
export class LicenseService {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly licenses: LicenseRepository,
    private readonly orgs: OrganizationRepository,
    private readonly devices: DeviceRepository,
    private readonly verifier: LicenseVerifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timing: LicenseTiming = defaultLicenseTiming,
    /** Announces that an organization's devices changed (Overflow recomputed): live events. */
    private readonly devicesChanged: (orgId: string) => Promise<void> = () => Promise.resolve(),
    onError: (e: unknown) => void = () => undefined,
  ) {
    this.periodic = new PeriodicTask(() => this.checkAll(), timing.checkEveryMs, onError);
  }

  /** Applies each enterprise organization's capacity now and then every `checkEveryMs` (a license runs out). */
  start(): Promise<void> {
    return this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Brings every enterprise organization's capacity and its devices' Overflow in line with its license and the clock. */
  async checkAll(): Promise<void> {
    for (const org of await this.orgs.byKind('enterprise')) await this.applyCapacity(org.id, org.devicePool);
    // Support organizations on trial: once one ends, its devices and its clients' stop being monitored.
    const today = isoDay(this.clock());
    // (A trial extended or made paying is applied at once by the operator's change.)
    for (const org of await this.orgs.byKind('support')) {
      if (!trialEnded(org, today)) continue;
      for (const orgId of await applyTrial(org, today, { orgs: this.orgs, devices: this.devices })) {
        await this.devicesChanged(orgId);
      }
    }
  }

  /**
   * The organization's pool becomes what its license grants now; Overflow is recomputed at once (no
   * agent reconnect) and browsers are told.
   */
  private async applyCapacity(orgId: string, poolBefore: number | null): Promise<void> {
    const row = await this.licenses.current(orgId);
    const { capacity, state } = licenseStanding(row, this.clock(), this.timing.graceDays);
    // Only the hub whose update changes the pool records it (several hubs check at the same time).
    if (poolBefore !== capacity && (await this.orgs.setDevicePool(orgId, capacity))) {
      if (state === 'expired') {
        await this.audit.record(
          { userId: null, label: 'hub (license check)', ip: null },
          {
            orgId,
            action: 'license.expired',
            targetType: 'license',
            detail: { devices: row?.devices ?? null, capacity },
          },
        );
      }
    }
    // The license's term is the organization's plan dates: the plan_expiry alert rule warns before
    // it ends, as it does for a client's plan.
    const planStart = row?.expiresAt ? isoDay(row.installedAt) : null;
    const planEnd = row?.expiresAt ? isoDay(row.expiresAt) : null;
    const org = await this.orgs.byId(orgId);
    if (org && (org.planStart !== planStart || org.planEnd !== planEnd))
      await this.orgs.update(orgId, { planStart, planEnd });
    if (await this.devices.applyPlan(orgId, capacity)) await this.devicesChanged(orgId);
  }

  async status(ctx: OrgContext): Promise<LicenseStatus> {
    requirePermission(ctx, 'org.read');
    this.requireEnterprise(ctx);
    const row = await this.licenses.current(ctx.org.id);
    const now = this.clock();
    const standing = licenseStanding(row, now, this.timing.graceDays);
    const base = {
      edition: 'enterprise' as const,
      capacity: standing.capacity,
      unlicensedCapacity,
      state: standing.state,
      expiresAt: standing.expiresAt?.toISOString() ?? null,
      graceEndsAt: standing.graceEndsAt?.toISOString() ?? null,
    };
    if (!row) return { ...base, license: null };
    const terms = parse(row.document).license;
    return {
      ...base,
      license: {
        id: terms.id,
        licensee: row.licensee,
        devices: row.devices,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        installedAt: row.installedAt.toISOString(),
        expired: row.expiresAt !== null && row.expiresAt <= now,
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
      installedAt: this.clock(),
    });
    await this.applyCapacity(ctx.org.id, ctx.org.devicePool);
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
