import { createHash } from 'node:crypto';
import type { FileInfo, FileKind } from '@crosspoint/protocol';
import type {
  CommandFileInfo,
  CommandFileRecord,
  CommandFileRepository,
} from '../repositories/command-file.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/**
 * Files of device commands: what people upload for a firmware update or a configuration load, and
 * what agents send back (backups, logs). Every read is scoped to the organization.
 */
export class CommandFileService {
  constructor(
    private readonly files: CommandFileRepository,
    private readonly audit: AuditService,
  ) {}

  async upload(ctx: OrgContext, name: string, kind: FileKind, data: Buffer): Promise<FileInfo> {
    requirePermission(ctx, 'devices.command');
    const file = await this.store(ctx.org.id, name, kind, data, ctx.actor.label);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'files.uploaded',
      targetType: 'file',
      targetId: file.id,
      detail: { name: file.name, kind, bytes: file.bytes, sha256: file.sha256 },
    });
    return fileView(file);
  }

  async download(ctx: OrgContext, id: string): Promise<CommandFileRecord> {
    requirePermission(ctx, 'devices.read');
    const file = await this.files.withData(ctx.org.id, id);
    if (!file) throw ServiceError.notFound('The file');
    return file;
  }

  /** A file a command names: it must be in the organization and of the kind the command takes. */
  async forCommand(orgId: string, id: string, kind: FileKind): Promise<CommandFileInfo> {
    const file = await this.files.info(orgId, id);
    if (!file) throw ServiceError.notFound('The file');
    if (file.kind !== kind)
      throw ServiceError.invalid(
        'BAD_REQUEST',
        `${file.name} is a ${file.kind} file; this command takes a ${kind} file.`,
      );
    return file;
  }

  /** An agent fetching the file of a command it was sent (its own organization only). */
  async forAgent(orgId: string, id: string): Promise<CommandFileRecord | undefined> {
    return this.files.withData(orgId, id);
  }

  /** What an agent sends back (a backup, logs). */
  async fromAgent(
    orgId: string,
    agentName: string,
    name: string,
    kind: FileKind,
    data: Buffer,
  ): Promise<FileInfo> {
    return fileView(await this.store(orgId, name, kind, data, `agent ${agentName}`));
  }

  private async store(
    orgId: string,
    name: string,
    kind: FileKind,
    data: Buffer,
    createdBy: string,
  ): Promise<CommandFileInfo> {
    if (data.byteLength === 0) throw ServiceError.invalid('BAD_REQUEST', `${name} is empty.`);
    const sha256 = createHash('sha256').update(data).digest('hex');
    return this.files.create({ orgId, name, kind, bytes: data.byteLength, sha256, data, createdBy });
  }
}

export function fileView(f: CommandFileInfo): FileInfo {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    bytes: f.bytes,
    sha256: f.sha256,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
  };
}
