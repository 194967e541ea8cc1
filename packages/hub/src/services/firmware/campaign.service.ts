import {
  compareVersions,
  deviceModels,
  isDeviceModelCode,
  type Campaign,
  type CampaignTarget,
  type CampaignTargetQuery,
  type CreateCampaignRequest,
  type DeviceFamily,
} from '@crosspoint/protocol';
import type { OrgRecord } from '../../repositories/organization.repository.ts';
import type {
  CampaignRecord,
  FirmwareCampaignRepository,
  TargetWithDevice,
} from '../../repositories/firmware-campaign.repository.ts';
import type { FirmwarePackageRecord } from '../../repositories/firmware-package.repository.ts';
import type { CampaignReportPdfModel } from '../../adapters/campaign-report-pdf.ts';
import { isTimeZone } from '../alerts/maintenance-window.ts';
import type { AuditService } from '../audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from '../context.ts';
import { ServiceError } from '../service-error.ts';
import type { CampaignEvent } from './campaign-engine.ts';
import { tallies } from './campaign-engine.ts';
import { assignWaves } from './campaign-waves.ts';
import type { FirmwareCatalogService } from './firmware-catalog.service.ts';

export interface CampaignServiceDeps {
  campaigns: FirmwareCampaignRepository;
  catalog: FirmwareCatalogService;
  /** A support organization's clients. */
  clientsOf: (supportId: string) => Promise<OrgRecord[]>;
  audit: AuditService;
  clock: Clock;
  changed: (campaign: CampaignRecord) => Promise<void>;
  notify: (campaign: CampaignRecord, event: CampaignEvent) => Promise<void>;
  /** The engine should look at campaigns now (a campaign started or resumed). */
  kick: () => void;
  pdf: (model: CampaignReportPdfModel) => Promise<Buffer>;
}

const modelCodesOf = (family: DeviceFamily) =>
  Object.entries(deviceModels)
    .filter(([, m]) => m.family === family)
    .map(([code]) => code);

/**
 * Firmware campaigns as people see them: create one (its targets are chosen by the filter and
 * split in waves at once), approve, pause, resume, abort, follow and report. The campaign engine
 * does the rest. A support organization's campaign may take devices of any of its clients.
 */
export class CampaignService {
  constructor(private readonly d: CampaignServiceDeps) {}

  async create(ctx: OrgContext, req: CreateCampaignRequest): Promise<Campaign> {
    requirePermission(ctx, 'devices.command');
    const pkg = await this.d.catalog.visible(ctx.org.id, req.packageId);
    if (pkg.withdrawnAt)
      throw ServiceError.conflict('FIRMWARE_WITHDRAWN', `The package ${pkg.version} is withdrawn.`);
    if (req.window && !isTimeZone(req.window.timeZone))
      throw ServiceError.invalid('VALIDATION_FAILED', `${req.window.timeZone} is not a known time zone.`);
    const scope = await this.scopeOf(ctx.org, pkg, req.filter.organizationIds);
    let codes = pkg.models;
    if (req.filter.models?.length) codes = codes.filter((c) => req.filter.models?.includes(c as never));
    if (req.filter.families?.length) {
      const inFamilies = new Set(req.filter.families.flatMap(modelCodesOf));
      codes = codes.filter((c) => inFamilies.has(c));
    }
    const candidates = await this.d.campaigns.candidates({
      scopeOrgIds: scope,
      models: codes.filter(isDeviceModelCode).map((c) => deviceModels[c].displayName),
      versions: req.filter.versions,
      locationId: req.filter.locationId,
    });
    const eligible = candidates.filter((c) => compareVersions(c.firmware, pkg.version) < 0);
    if (eligible.length === 0)
      throw ServiceError.invalid(
        'CAMPAIGN_EMPTY',
        candidates.length
          ? `All ${String(candidates.length)} devices the filter chose run ${pkg.version} or newer already.`
          : 'The filter chose no device this package is for.',
      );
    const waves = assignWaves(eligible.length, req.pilot, req.waves);
    const waveOf = new Map(eligible.map((c, i) => [c.id, waves[i] ?? 0]));
    const now = this.d.clock();
    const status = req.requireApproval ? 'awaiting-approval' : 'running';
    const campaign = await this.d.campaigns.create(
      {
        orgId: ctx.org.id,
        name: req.name,
        packageId: pkg.id,
        filter: req.filter,
        pilot: req.pilot,
        waves: req.waves,
        successThreshold: req.successThreshold,
        errorThreshold: req.errorThreshold,
        healthGateMinutes: req.healthGateMinutes,
        window: req.window ?? null,
        requireApproval: req.requireApproval ?? false,
        status,
        createdBy: ctx.actor.label,
        createdByUserId: ctx.actor.userId,
        createdAt: now,
        startedAt: status === 'running' ? now : null,
      },
      candidates.map((c) => {
        const wave = waveOf.get(c.id);
        return {
          deviceId: c.id,
          orgId: c.orgId,
          wave: wave ?? -1,
          state: wave === undefined ? ('skipped' as const) : ('pending' as const),
          fromVersion: c.firmware,
          peripheralsBefore: c.peripherals,
          reason: wave === undefined ? `ALREADY_CURRENT: it runs ${c.firmware}` : null,
          finishedAt: wave === undefined ? now : null,
        };
      }),
    );
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'firmware.campaign_created',
      targetType: 'campaign',
      targetId: campaign.id,
      detail: { name: req.name, package: pkg.version, devices: eligible.length, status },
    });
    if (status === 'running') await this.started(campaign);
    return this.view(campaign);
  }

  async list(ctx: OrgContext): Promise<{ items: Campaign[] }> {
    requirePermission(ctx, 'devices.read');
    const rows = await this.d.campaigns.list(ctx.org.id, 200);
    return { items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  async get(ctx: OrgContext, id: string): Promise<Campaign> {
    requirePermission(ctx, 'devices.read');
    return this.view(await this.own(ctx, id));
  }

  async targets(ctx: OrgContext, id: string, q: CampaignTargetQuery) {
    requirePermission(ctx, 'devices.read');
    const c = await this.own(ctx, id);
    const rows = await this.d.campaigns.targets(c.id, {
      ...(q.state ? { states: [q.state] } : {}),
      wave: q.wave,
    });
    const items = rows.slice(0, q.limit ?? 200).map(targetView);
    return { items, total: rows.length };
  }

  async approve(ctx: OrgContext, id: string): Promise<Campaign> {
    requirePermission(ctx, 'devices.command');
    const c = await this.own(ctx, id);
    const sameUser = ctx.actor.userId !== null && ctx.actor.userId === c.createdByUserId;
    if (sameUser || ctx.actor.label === c.createdBy)
      throw new ServiceError(
        'CAMPAIGN_SELF_APPROVAL',
        'Someone other than its author approves a campaign.',
        403,
      );
    const now = this.d.clock();
    const done = await this.d.campaigns.setStatus(c.id, ['awaiting-approval'], {
      status: 'running',
      approvedBy: ctx.actor.label,
      startedAt: now,
    });
    if (!done) throw stateError(c, 'approved');
    await this.audited(ctx, done, 'firmware.campaign_approved');
    await this.started(done);
    return this.view(done);
  }

  async pause(ctx: OrgContext, id: string): Promise<Campaign> {
    return this.transition(ctx, id, ['running'], { status: 'paused' }, 'firmware.campaign_paused');
  }

  async resume(ctx: OrgContext, id: string): Promise<Campaign> {
    const c = await this.transition(
      ctx,
      id,
      ['paused', 'halted'],
      { status: 'running', haltReason: null },
      'firmware.campaign_resumed',
    );
    this.d.kick();
    return c;
  }

  async abort(ctx: OrgContext, id: string): Promise<Campaign> {
    requirePermission(ctx, 'devices.command');
    const c = await this.own(ctx, id);
    const now = this.d.clock();
    const done = await this.d.campaigns.setStatus(
      c.id,
      ['awaiting-approval', 'running', 'paused', 'halted'],
      {
        status: 'aborted',
        finishedAt: now,
      },
    );
    if (!done) throw stateError(c, 'aborted');
    const cancelled = await this.d.campaigns.cancelPending(
      c.id,
      now,
      `CANCELLED: aborted by ${ctx.actor.label}`,
    );
    await this.audited(ctx, done, 'firmware.campaign_aborted', { cancelled });
    await this.d.notify(done, 'aborted');
    await this.d.changed(done);
    return this.view(done);
  }

  async csv(ctx: OrgContext, id: string): Promise<{ name: string; text: string }> {
    requirePermission(ctx, 'devices.read');
    const c = await this.own(ctx, id);
    const rows: string[][] = [
      [
        'device',
        'organization',
        'model',
        'wave',
        'outcome',
        'from_version',
        'firmware_now',
        'reason',
        'started',
        'finished',
      ],
      ...(await this.d.campaigns.targets(c.id)).map((t) => [
        t.deviceName,
        t.orgName,
        t.model,
        t.wave < 0 ? '' : String(t.wave),
        t.state,
        t.fromVersion,
        t.firmware,
        t.reason ?? '',
        t.startedAt?.toISOString() ?? '',
        t.finishedAt?.toISOString() ?? '',
      ]),
    ];
    return {
      name: `campaign-${slug(c.name)}.csv`,
      text: `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`,
    };
  }

  async pdf(ctx: OrgContext, id: string): Promise<{ name: string; data: Buffer }> {
    requirePermission(ctx, 'devices.read');
    const c = await this.own(ctx, id);
    const view = await this.view(c);
    const targets = await this.d.campaigns.targets(c.id);
    const count = (s: string) => String(targets.filter((t) => t.state === s).length);
    const data = await this.d.pdf({
      title: `Firmware campaign: ${c.name}`,
      facts: [
        ['Package', `${view.package.family} ${view.package.version}`],
        ['Status', c.haltReason ? `${c.status}: ${c.haltReason}` : c.status],
        ['Created', `${c.createdAt.toISOString()} by ${c.createdBy}`],
        ['Finished', c.finishedAt?.toISOString() ?? '—'],
        [
          'Updated / failed / skipped / cancelled',
          [count('updated'), count('failed'), count('skipped'), count('cancelled')].join(' / '),
        ],
      ],
      columns: ['Device', 'Organization', 'Model', 'Wave', 'Outcome', 'From', 'Now', 'Why'],
      rows: targets.map((t) => [
        t.deviceName,
        t.orgName,
        t.model,
        t.wave < 0 ? '—' : String(t.wave),
        t.state,
        t.fromVersion,
        t.firmware,
        t.reason ?? '',
      ]),
    });
    return { name: `campaign-${slug(c.name)}.pdf`, data };
  }

  /** The organizations whose devices the campaign may take: its own, or a support organization's and its clients'. */
  private async scopeOf(
    org: OrgRecord,
    pkg: FirmwarePackageRecord,
    only: string[] | undefined,
  ): Promise<string[]> {
    let orgs = [org.id];
    if (org.kind === 'support') orgs.push(...(await this.d.clientsOf(org.id)).map((c) => c.id));
    if (only?.length) orgs = orgs.filter((o) => only.includes(o));
    // A client's own package is for that client's devices only.
    const seeing: string[] = [];
    for (const o of orgs) {
      const publishers = await this.d.catalog.publishersOf(o);
      if (pkg.orgKind === 'platform' || publishers.includes(pkg.orgId)) seeing.push(o);
    }
    return seeing;
  }

  private async transition(
    ctx: OrgContext,
    id: string,
    from: CampaignRecord['status'][],
    values: Partial<CampaignRecord>,
    action: string,
  ): Promise<Campaign> {
    requirePermission(ctx, 'devices.command');
    const c = await this.own(ctx, id);
    const done = await this.d.campaigns.setStatus(c.id, from, values);
    if (!done) throw stateError(c, values.status ?? '');
    await this.audited(ctx, done, action);
    await this.d.changed(done);
    return this.view(done);
  }

  private async started(c: CampaignRecord): Promise<void> {
    await this.d.notify(c, 'started');
    await this.d.changed(c);
    this.d.kick();
  }

  private async audited(
    ctx: OrgContext,
    c: CampaignRecord,
    action: string,
    detail: Record<string, unknown> = {},
  ) {
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action,
      targetType: 'campaign',
      targetId: c.id,
      detail: { name: c.name, ...detail },
    });
  }

  private async own(ctx: OrgContext, id: string): Promise<CampaignRecord> {
    const c = await this.d.campaigns.byId(ctx.org.id, id);
    if (!c) throw ServiceError.notFound('The campaign');
    return c;
  }

  async view(c: CampaignRecord): Promise<Campaign> {
    const pkg = await this.d.catalog.byId(c.packageId);
    const waves = tallies(await this.d.campaigns.waveCounts(c.id));
    return {
      id: c.id,
      name: c.name,
      package: {
        id: c.packageId,
        family: (pkg?.family ?? 'cp2') as DeviceFamily,
        version: pkg?.version ?? '',
        models: (pkg?.models ?? []).filter(isDeviceModelCode),
      },
      filter: c.filter as Campaign['filter'],
      pilot: c.pilot,
      successThreshold: c.successThreshold,
      errorThreshold: c.errorThreshold,
      healthGateMinutes: c.healthGateMinutes,
      window: c.window ?? null,
      requireApproval: c.requireApproval,
      status: c.status,
      currentWave: c.currentWave,
      haltReason: c.haltReason,
      waves: waves.map((w, index) => ({ index, pilot: index === 0 && c.pilot > 0, ...w })),
      createdBy: c.createdBy,
      approvedBy: c.approvedBy,
      createdAt: c.createdAt.toISOString(),
      startedAt: c.startedAt?.toISOString() ?? null,
      finishedAt: c.finishedAt?.toISOString() ?? null,
    };
  }
}

function targetView(t: TargetWithDevice): CampaignTarget {
  return {
    deviceId: t.deviceId,
    deviceName: t.deviceName,
    model: t.model,
    organization: { id: t.orgId, name: t.orgName },
    wave: t.wave,
    state: t.state,
    fromVersion: t.fromVersion,
    firmware: t.firmware,
    reason: t.reason,
    jobId: t.jobId,
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}

const stateError = (c: CampaignRecord, to: string) =>
  ServiceError.conflict('CAMPAIGN_STATE', `The campaign is ${c.status}; it cannot be ${to} now.`);

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'report';

const csvCell = (s: string): string => {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
