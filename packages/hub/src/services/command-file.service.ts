import { createHash } from 'node:crypto';
import { maxFileBytes, type FileInfo, type FileKind } from '@crosspoint/protocol';
import {
  fileChunkBytes,
  type CommandFileInfo,
  type CommandFileRepository,
} from '../repositories/command-file.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/** A file as it arrives: its announced size (when known) and its bytes, as they come. */
export interface IncomingFile {
  bytes?: number | undefined;
  chunks: AsyncIterable<Uint8Array>;
}

/** A file on its way out: its facts, its contents a chunk at a time, and its transfer slot to give back. */
export interface OutgoingFile {
  info: CommandFileInfo;
  chunks: AsyncIterable<Buffer>;
  /** Frees the transfer slot (idempotent; also done when `chunks` ends). */
  release: () => void;
}

export interface FileLimits {
  /** Bytes an organization may keep (uploads, backups and logs together). */
  quotaBytes: number;
  /** Transfers (in or out) at once on this hub, and for one organization. */
  transfersPerHub: number;
  transfersPerOrg: number;
}

export const defaultFileLimits: FileLimits = {
  quotaBytes: 4 * 1024 ** 3,
  transfersPerHub: 16,
  transfersPerOrg: 8,
};

/** Files left incomplete this long (their hub stopped while receiving them) are removed. */
const staleIncompleteMs = 3600_000;

const mib = (bytes: number) => `${String(Math.round(bytes / 1024 / 1024))} MiB`;

/**
 * Files of device commands: what people upload for a firmware update or a configuration load, and
 * what agents send back (backups, logs). Every read is scoped to the organization. Contents stream in
 * and out a chunk at a time, so a transfer holds about one chunk of memory whatever the file's size;
 * an organization keeps at most its quota, and transfers at once are bounded per hub and per
 * organization.
 */
export class CommandFileService {
  private transfers = 0;
  private readonly transfersByOrg = new Map<string, number>();
  private lastStaleSweep = 0;

  constructor(
    private readonly files: CommandFileRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly limits: FileLimits = defaultFileLimits,
    /** The organization that published a firmware package an agent of `orgId` may fetch (the operator's, a support organization's). */
    private readonly sharedOwner: (orgId: string, fileId: string) => Promise<string | undefined> = () =>
      Promise.resolve(undefined),
  ) {}

  /** Transfers in progress on this hub (for metrics and tests). */
  get activeTransfers(): number {
    return this.transfers;
  }

  async upload(ctx: OrgContext, name: string, kind: FileKind, body: IncomingFile): Promise<FileInfo> {
    requirePermission(ctx, 'devices.command');
    const file = await this.store(ctx.org.id, name, kind, body, ctx.actor.label);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'files.uploaded',
      targetType: 'file',
      targetId: file.id,
      detail: { name: file.name, kind, bytes: file.bytes, sha256: file.sha256 },
    });
    return fileView(file);
  }

  /**
   * A file for a person to download: Administrators and Owners only — backups and projects carry the
   * stack's login, which a Monitor may not read.
   */
  async download(ctx: OrgContext, id: string): Promise<OutgoingFile> {
    requirePermission(ctx, 'devices.command');
    const file = await this.files.info(ctx.org.id, id);
    if (!file) throw ServiceError.notFound('The file');
    return this.outgoing(file);
  }

  /** A file a command names: it must be in the organization and of the kind the command takes. */
  async forCommand(orgId: string, id: string, kind: FileKind): Promise<CommandFileInfo> {
    const file = await this.files.info(orgId, id);
    if (!file) throw ServiceError.notFound('The file');
    // A kept backup is a project too: restoring a configuration version loads it (#20).
    if (file.kind !== kind && !(kind === 'project' && file.kind === 'backup'))
      throw ServiceError.invalid(
        'BAD_REQUEST',
        `${file.name} is a ${file.kind} file; this command takes a ${kind} file.`,
      );
    return file;
  }

  /** An agent fetching the file of a command it was sent (its own organization's, or a firmware package it sees). */
  async forAgent(orgId: string, id: string): Promise<OutgoingFile | undefined> {
    let file = await this.files.info(orgId, id);
    if (!file) {
      // A firmware package published by the operator or the support organization, for this organization too.
      const owner = await this.sharedOwner(orgId, id);
      file = owner ? await this.files.info(owner, id) : undefined;
    }
    return file ? this.outgoing(file) : undefined;
  }

  /** The first chunk of a complete file of the organization (an image's header). */
  async head(orgId: string, id: string): Promise<Buffer | undefined> {
    const file = await this.files.info(orgId, id);
    return file ? this.files.chunk(file.id, 0) : undefined;
  }

  /** What an agent sends back (a backup, logs). */
  async fromAgent(
    orgId: string,
    agentName: string,
    name: string,
    kind: FileKind,
    body: IncomingFile,
  ): Promise<FileInfo> {
    return fileView(await this.store(orgId, name, kind, body, `agent ${agentName}`));
  }

  private outgoing(info: CommandFileInfo): OutgoingFile {
    const release = this.takeSlot(info.orgId);
    const files = this.files;
    // One chunk is read ahead while the one before it is sent: the database round trip overlaps the
    // network, and a transfer holds two chunks at most.
    async function* chunks(): AsyncGenerator<Buffer> {
      let next = files.chunk(info.id, 0);
      try {
        for (let seq = 1; ; seq++) {
          const chunk = await next;
          if (!chunk) return;
          next = files.chunk(info.id, seq);
          yield chunk;
        }
      } finally {
        next.catch(() => undefined);
        release();
      }
    }
    return { info, chunks: chunks(), release };
  }

  private async store(
    orgId: string,
    name: string,
    kind: FileKind,
    body: IncomingFile,
    createdBy: string,
  ): Promise<CommandFileInfo> {
    if (body.bytes !== undefined && body.bytes > maxFileBytes) throw tooLarge(name);
    if (body.bytes === 0) throw empty(name);
    await this.sweepStale();
    const used = await this.files.usedBytes(orgId);
    const overQuota = (bytes: number) =>
      new ServiceError(
        'FILE_QUOTA_EXCEEDED',
        `${name} (${mib(bytes)}) does not fit: the organization keeps ${mib(used)} of its ${mib(this.limits.quotaBytes)} of files. Delete files it no longer needs.`,
        413,
      );
    if (body.bytes !== undefined && used + body.bytes > this.limits.quotaBytes) throw overQuota(body.bytes);
    const release = this.takeSlot(orgId);
    try {
      const file = await this.files.begin({ orgId, name, kind, bytes: body.bytes ?? 0, createdBy });
      try {
        const hash = createHash('sha256');
        let total = 0;
        let seq = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        for await (const part of body.chunks) {
          total += part.byteLength;
          if (total > maxFileBytes) throw tooLarge(name);
          if (used + total > this.limits.quotaBytes) throw overQuota(total);
          hash.update(part);
          pending.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
          pendingBytes += part.byteLength;
          if (pendingBytes >= fileChunkBytes) {
            const joined = Buffer.concat(pending);
            let at = 0;
            for (; joined.length - at >= fileChunkBytes; at += fileChunkBytes) {
              await this.files.appendChunk(file.id, seq++, joined.subarray(at, at + fileChunkBytes));
            }
            pending = at < joined.length ? [joined.subarray(at)] : [];
            pendingBytes = joined.length - at;
          }
        }
        if (total === 0) throw empty(name);
        if (body.bytes !== undefined && total !== body.bytes) {
          throw ServiceError.invalid(
            'BAD_REQUEST',
            `${name} ended after ${String(total)} of the ${String(body.bytes)} bytes announced.`,
          );
        }
        if (pendingBytes > 0) await this.files.appendChunk(file.id, seq, Buffer.concat(pending));
        return await this.files.complete(file.id, total, hash.digest('hex'));
      } catch (e) {
        await this.files.discard(file.id).catch(() => undefined);
        throw e;
      }
    } finally {
      release();
    }
  }

  /** Takes a transfer slot of the organization, or refuses with TOO_MANY_TRANSFERS. */
  private takeSlot(orgId: string): () => void {
    const mine = this.transfersByOrg.get(orgId) ?? 0;
    if (this.transfers >= this.limits.transfersPerHub || mine >= this.limits.transfersPerOrg) {
      throw new ServiceError(
        'TOO_MANY_TRANSFERS',
        'Too many file transfers at once; try again in a few seconds.',
        429,
      );
    }
    this.transfers++;
    this.transfersByOrg.set(orgId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.transfers--;
      const left = (this.transfersByOrg.get(orgId) ?? 1) - 1;
      if (left > 0) this.transfersByOrg.set(orgId, left);
      else this.transfersByOrg.delete(orgId);
    };
  }

  private async sweepStale(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastStaleSweep < staleIncompleteMs / 6) return;
    this.lastStaleSweep = now;
    await this.files.discardStale(new Date(now - staleIncompleteMs));
  }
}

const tooLarge = (name: string) =>
  new ServiceError(
    'PAYLOAD_TOO_LARGE',
    `${name} is larger than ${mib(maxFileBytes)}, the largest file the hub keeps.`,
    413,
  );
const empty = (name: string) => ServiceError.invalid('BAD_REQUEST', `${name} is empty.`);

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
