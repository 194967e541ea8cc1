import {
  compareVersions,
  deviceModels,
  firmwareFormats,
  imageVersionOf,
  isDeviceModelCode,
  latestFirmware,
  type CreateFirmwarePackageRequest,
  type DeviceFamily,
  type FirmwarePackage,
  type FirmwarePackageList,
  type FirmwarePackageQuery,
} from '@crosspoint/protocol';
import type { OrgRecord } from '../../repositories/organization.repository.ts';
import type {
  FirmwarePackageRecord,
  FirmwarePackageRepository,
} from '../../repositories/firmware-package.repository.ts';
import { DuplicateError } from '../../repositories/duplicate-error.ts';
import type { AuditService } from '../audit.service.ts';
import type { CommandFileService } from '../command-file.service.ts';
import { requirePermission, type Clock, type OrgContext } from '../context.ts';
import { ServiceError } from '../service-error.ts';

/** Answers, for devices of an organization, the newer firmware its catalog has for them. */
export type FirmwareUpdateLookup = (orgId: string, model: string, firmware: string) => string | null;

export interface FirmwareCatalogDeps {
  packages: FirmwarePackageRepository;
  files: CommandFileService;
  /** The first bytes of an organization's stored file (its image header). */
  fileHead: (orgId: string, fileId: string) => Promise<Buffer | undefined>;
  /** A support organization's clients' ids. */
  clientsOf: (supportId: string) => Promise<string[]>;
  /** The organization whose roll-up includes an organization (a client's support organization). */
  rollupOf: (orgId: string) => Promise<string>;
  audit: AuditService;
  clock: Clock;
  /** A package was published or withdrawn: badges of every organization may change. */
  changed?: (orgId: string) => Promise<void>;
  /** How long an organization's newest versions are kept before they are read again (ms). */
  cacheMs?: number;
}

const invalid = (message: string) => ServiceError.invalid('FIRMWARE_INVALID', message);

/**
 * The firmware catalog: the packages the platform operator publishes for everyone, and those each
 * organization publishes for itself (a support organization's also for its clients). A package is
 * checked before it is kept (the models are of one family, the file's SHA-256 is the one announced,
 * its header is the family's and names the version, its size fits the family); a withdrawn package
 * starts no new update. "Update available" comes from the newest available package of each model
 * the organization sees, never below the releases Crosspoint itself knows (firmware-catalog.ts).
 */
export class FirmwareCatalogService {
  private readonly cache = new Map<string, { at: number; latest: Map<string, string> }>();

  constructor(private readonly d: FirmwareCatalogDeps) {}

  /** The organizations whose packages `org` sees besides the operator's: itself and its support organization. */
  async publishersOf(orgId: string): Promise<string[]> {
    const rollup = await this.d.rollupOf(orgId);
    return rollup === orgId ? [orgId] : [orgId, rollup];
  }

  async list(ctx: OrgContext, query: FirmwarePackageQuery): Promise<FirmwarePackageList> {
    requirePermission(ctx, 'devices.read');
    const rows = await this.d.packages.visibleTo(await this.publishersOf(ctx.org.id));
    const term = query.search?.trim().toLowerCase().replace(/\s+/g, ' ');
    const items = rows
      .map((r) => packageView(r, ctx.org))
      .filter(
        (p) =>
          (!query.family || p.family === query.family) &&
          (!query.status || p.status === query.status) &&
          (!term ||
            [p.version, p.fileName, p.releaseNotes, p.organization.name, ...p.models.map(modelName)]
              .join('\n')
              .toLowerCase()
              .includes(term)),
      );
    const sort = query.sort ?? 'createdAt';
    const dir = query.order === 'desc' ? -1 : 1;
    items.sort((a, b) => {
      const by =
        sort === 'version'
          ? compareVersions(a.version, b.version)
          : sort === 'family'
            ? a.family.localeCompare(b.family)
            : a.createdAt.localeCompare(b.createdAt);
      return dir * by || a.id.localeCompare(b.id);
    });
    return { items, total: items.length };
  }

  async create(ctx: OrgContext, req: CreateFirmwarePackageRequest): Promise<FirmwarePackage> {
    requirePermission(ctx, 'devices.command');
    const file = await this.d.files.forCommand(ctx.org.id, req.fileId, 'firmware');
    const families = new Set(req.models.filter(isDeviceModelCode).map((m) => deviceModels[m].family));
    const [family] = families;
    if (!family || families.size > 1)
      throw invalid('A package is for models of one family; make one package per family.');
    if (file.sha256.toLowerCase() !== req.sha256.toLowerCase())
      throw invalid(
        `${file.name} has SHA-256 ${file.sha256}, not the ${req.sha256.toLowerCase()} announced: the file is not the one published.`,
      );
    const format = firmwareFormats[family];
    if (file.bytes > format.maxBytes)
      throw invalid(
        `${file.name} is larger than a ${family} image can be (${String(format.maxBytes)} bytes).`,
      );
    const head = await this.d.fileHead(ctx.org.id, file.id);
    const announced = head ? imageVersionOf(family, head) : undefined;
    if (announced === undefined)
      throw invalid(
        `${file.name} is not a ${family} firmware image (its header is not “${format.header.trim()}”).`,
      );
    if (announced !== req.version)
      throw invalid(`${file.name} installs version ${announced}, not ${req.version}.`);
    let id: string;
    try {
      id = await this.d.packages.create({
        orgId: ctx.org.id,
        fileId: file.id,
        family,
        models: req.models,
        version: req.version,
        releaseNotes: req.releaseNotes ?? '',
        sha256: file.sha256,
        signature: req.signature ?? null,
        createdBy: ctx.actor.label,
        createdAt: this.d.clock(),
      });
    } catch (e) {
      if (e instanceof DuplicateError)
        throw ServiceError.conflict(
          'CONFLICT',
          `The catalog has a ${family} package ${req.version} already.`,
        );
      throw e;
    }
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'firmware.published',
      targetType: 'firmware',
      targetId: id,
      detail: { family, version: req.version, models: req.models, file: file.name, sha256: file.sha256 },
    });
    await this.touched(ctx.org.id);
    return this.view(ctx, id);
  }

  async withdraw(ctx: OrgContext, id: string): Promise<FirmwarePackage> {
    requirePermission(ctx, 'devices.command');
    const own = await this.d.packages.ownById(ctx.org.id, id);
    if (!own) throw ServiceError.notFound('The package');
    if (!own.withdrawnAt) {
      await this.d.packages.withdraw(ctx.org.id, id, ctx.actor.label, this.d.clock());
      await this.d.audit.record(ctx.actor, {
        orgId: ctx.org.id,
        action: 'firmware.withdrawn',
        targetType: 'firmware',
        targetId: id,
        detail: { family: own.family, version: own.version },
      });
      await this.touched(ctx.org.id);
    }
    return this.view(ctx, id);
  }

  /** A package the organization sees (for a campaign), or 404. */
  async visible(orgId: string, id: string): Promise<FirmwarePackageRecord> {
    const row = await this.d.packages.visibleById(await this.publishersOf(orgId), id);
    if (!row) throw ServiceError.notFound('The package');
    return row;
  }

  /** A package by id, whoever published it. */
  byId(id: string): Promise<FirmwarePackageRecord | undefined> {
    return this.d.packages.byId(id);
  }

  /** Whether an agent of `orgId` may fetch the file: it is a package the organization sees. */
  async agentMayFetch(orgId: string, fileId: string): Promise<string | undefined> {
    const owner = await this.d.packages.fileOwner(fileId);
    if (!owner) return undefined;
    const rows = await this.d.packages.visibleTo(await this.publishersOf(orgId));
    return rows.some((r) => r.fileId === fileId) ? owner : undefined;
  }

  /** The newest firmware per model (display name) an organization's catalog offers. */
  async latestFor(orgId: string): Promise<Map<string, string>> {
    const now = this.d.clock().getTime();
    const hit = this.cache.get(orgId);
    if (hit && now - hit.at < (this.d.cacheMs ?? 2000)) return hit.latest;
    const latest = new Map(Object.entries(latestFirmware));
    for (const p of await this.d.packages.visibleTo(await this.publishersOf(orgId), true)) {
      for (const code of p.models) {
        if (!isDeviceModelCode(code)) continue;
        const name = deviceModels[code].displayName;
        const known = latest.get(name);
        if (known === undefined || compareVersions(p.version, known) > 0) latest.set(name, p.version);
      }
    }
    this.cache.set(orgId, { at: now, latest });
    return latest;
  }

  /**
   * The newest version per organization and model over what an organization's device list covers
   * (a support organization's: itself and its clients).
   */
  async newest(org: OrgRecord): Promise<{ orgId: string; model: string; version: string }[]> {
    const orgIds = [org.id, ...(org.kind === 'support' ? await this.d.clientsOf(org.id) : [])];
    const rows: { orgId: string; model: string; version: string }[] = [];
    for (const orgId of orgIds)
      for (const [model, version] of await this.latestFor(orgId)) rows.push({ orgId, model, version });
    return rows;
  }

  /** A lookup for rows of these organizations (a roll-up's list has several). */
  async lookup(orgIds: Iterable<string>): Promise<FirmwareUpdateLookup> {
    const byOrg = new Map<string, Map<string, string>>();
    for (const id of new Set(orgIds)) byOrg.set(id, await this.latestFor(id));
    return (orgId, model, firmware) => {
      const latest = byOrg.get(orgId)?.get(model);
      return latest !== undefined && compareVersions(firmware, latest) < 0 ? latest : null;
    };
  }

  private async touched(orgId: string): Promise<void> {
    this.cache.clear();
    await this.d.changed?.(orgId);
  }

  private async view(ctx: OrgContext, id: string): Promise<FirmwarePackage> {
    const row = await this.d.packages.visibleById(await this.publishersOf(ctx.org.id), id);
    if (!row) throw ServiceError.notFound('The package');
    return packageView(row, ctx.org);
  }
}

const modelName = (code: string): string => (isDeviceModelCode(code) ? deviceModels[code].displayName : code);

export function packageView(r: FirmwarePackageRecord, viewer: Pick<OrgRecord, 'id'>): FirmwarePackage {
  return {
    id: r.id,
    organization: { id: r.orgId, name: r.orgName },
    publisher: r.orgKind === 'platform' ? 'platform' : r.orgId === viewer.id ? 'own' : 'support',
    family: r.family as DeviceFamily,
    models: r.models.filter(isDeviceModelCode),
    version: r.version,
    releaseNotes: r.releaseNotes,
    fileId: r.fileId,
    fileName: r.fileName,
    bytes: r.bytes,
    sha256: r.sha256,
    signature: r.signature,
    status: r.withdrawnAt ? 'withdrawn' : 'available',
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}
