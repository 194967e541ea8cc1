import {
  attachmentMaxBytes,
  type Attachment,
  type Conversation,
  type ConversationList,
  type Message,
  type MessagePage,
  type MessagesQuery,
  type ParticipantList,
  type PostMessageBody,
  type StartConversationBody,
} from '@crosspoint/protocol';
import type {
  AttachmentHead,
  ConversationRecord,
  ConversationRepository,
  MessageRecord,
} from '../../repositories/conversation.repository.ts';
import { MissingAttachment } from '../../repositories/conversation.repository.ts';
import type { OrganizationRepository } from '../../repositories/organization.repository.ts';
import type { UserRepository } from '../../repositories/user.repository.ts';
import type { IncomingFile } from '../command-file.service.ts';
import type { Clock, OrgContext } from '../context.ts';
import type { LiveEvents } from '../live-events.ts';
import { decodeCursor, pageOf } from '../paging.ts';
import { scopeOf } from '../rollups.ts';
import { ServiceError } from '../service-error.ts';
import { sniffContentType } from './content-type.ts';
import { displayName, personOf } from './people.ts';
import type { PresenceService } from './presence.service.ts';

export interface ConversationLimits {
  /** The largest attachment. */
  attachmentBytes: number;
  /** What one person may have uploaded and not sent yet. */
  unsentBytes: number;
}

export const defaultConversationLimits: ConversationLimits = {
  attachmentBytes: attachmentMaxBytes,
  unsentBytes: 4 * attachmentMaxBytes,
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a call record says, when a call ends (CallSignalService). */
export interface CallRecordInput {
  callId: string;
  callerId: string;
  kind: 'audio' | 'video';
  outcome: 'completed' | 'missed' | 'declined';
  durationS: number;
}

/**
 * Conversations between a support organization's people and a client's, or among one
 * organization's people: messages (never edited), attachments, read markers. A support
 * organization sees its clients' conversations (its roll-up); a client only its own; anything else
 * is 404.
 */
export class ConversationService {
  constructor(
    private readonly d: {
      repo: ConversationRepository;
      orgs: OrganizationRepository;
      users: UserRepository;
      presence: PresenceService;
      live: LiveEvents;
      clock: Clock;
      limits: ConversationLimits;
    },
  ) {}

  async list(ctx: OrgContext): Promise<ConversationList> {
    const rows = await this.d.repo.list(scopeOf(ctx.org), personOf(ctx));
    const items = rows.map((r) => conversationOut(r, r.orgName, r.unread, r));
    return { items, unread: items.reduce((n, c) => n + c.unread, 0) };
  }

  async start(ctx: OrgContext, body: StartConversationBody): Promise<Conversation> {
    const userId = personOf(ctx);
    const orgId = body.organizationId ?? ctx.org.id;
    const org = orgId === ctx.org.id ? ctx.org : await this.d.orgs.byId(orgId);
    if (!org || (org.id !== ctx.org.id && !(org.kind === 'client' && org.parentId === ctx.org.id)))
      throw ServiceError.notFound('The organization');
    const created = await this.d.repo.create({
      orgId: org.id,
      title: body.title.trim() || body.title,
      createdBy: userId,
      createdAt: this.d.clock(),
    });
    await this.changed(created);
    return conversationOut({ ...created }, org.name, 0, null);
  }

  async messages(ctx: OrgContext, conversationId: string, query: MessagesQuery): Promise<MessagePage> {
    const conversation = await this.find(ctx, conversationId);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    let before: { at: Date; id: string } | undefined;
    if (cursor) {
      const at = typeof cursor.value === 'string' ? new Date(cursor.value) : undefined;
      if (!at || Number.isNaN(at.getTime()) || !uuidPattern.test(cursor.id))
        throw ServiceError.invalid(
          'BAD_REQUEST',
          'The cursor is not one this API gave out; start again without it.',
        );
      before = { at, id: cursor.id };
    }
    const rows = await this.d.repo.messages(conversation.id, {
      before,
      search: query.search,
      limit: limit + 1,
    });
    const attachments = await this.d.repo.attachmentsOf(rows.map((r) => r.id));
    return pageOf(
      rows,
      limit,
      (r) => messageOut(r, attachments),
      (r) => ({ value: r.at.toISOString(), id: r.id }),
    );
  }

  async post(ctx: OrgContext, conversationId: string, body: PostMessageBody): Promise<Message> {
    const userId = personOf(ctx);
    const conversation = await this.find(ctx, conversationId);
    const text = body.body.trim();
    const attachmentIds = body.attachmentIds ?? [];
    if (text === '' && attachmentIds.length === 0)
      throw ServiceError.invalid('VALIDATION_FAILED', 'Write a message or attach a file.', [
        { path: '/body', message: 'must not be empty without attachments' },
      ]);
    const author = await this.d.users.byId(userId);
    const at = this.d.clock();
    let row: MessageRecord | undefined;
    try {
      row = await this.d.repo.addMessage(
        { conversationId, authorId: userId, authorName: author ? displayName(author) : '', at, body: text },
        attachmentIds,
      );
    } catch (e) {
      if (e instanceof MissingAttachment) throw ServiceError.notFound('An attachment');
      throw e;
    }
    if (!row) throw new Error('message not stored');
    await this.d.repo.markRead(conversationId, userId, at);
    await this.changed(conversation);
    return messageOut(row, await this.d.repo.attachmentsOf([row.id]));
  }

  async markRead(ctx: OrgContext, conversationId: string): Promise<Conversation> {
    const userId = personOf(ctx);
    await this.find(ctx, conversationId);
    await this.d.repo.markRead(conversationId, userId, this.d.clock());
    const row = (await this.d.repo.list(scopeOf(ctx.org), userId)).find((r) => r.id === conversationId);
    if (!row) throw ServiceError.notFound('The conversation');
    return conversationOut(row, row.orgName, row.unread, row);
  }

  async participants(ctx: OrgContext, conversationId: string): Promise<ParticipantList> {
    const conversation = await this.find(ctx, conversationId);
    const people = await this.d.repo.people(conversation.orgId);
    const online = await this.d.presence.online(people.map((p) => p.id));
    return {
      items: people
        .map((p) => ({
          id: p.id,
          name: displayName(p),
          email: p.email,
          organization: { id: p.orgId, name: p.orgName },
          presence: online.has(p.id) ? ('online' as const) : ('offline' as const),
        }))
        .sort(
          (a, b) => a.organization.name.localeCompare(b.organization.name) || a.name.localeCompare(b.name),
        ),
    };
  }

  /** Whether a person takes part in a conversation (a call's other side must). */
  async isParticipant(conversation: ConversationRecord, userId: string): Promise<boolean> {
    return (await this.d.repo.people(conversation.orgId)).some((p) => p.id === userId);
  }

  async upload(
    ctx: OrgContext,
    conversationId: string,
    name: string,
    file: IncomingFile,
  ): Promise<Attachment> {
    const userId = personOf(ctx);
    await this.find(ctx, conversationId);
    const limit = this.d.limits.attachmentBytes;
    if (file.bytes !== undefined && file.bytes > limit) throw tooLarge(limit);
    const parked = await this.d.repo.unsentBytes(userId);
    const parts: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of file.chunks) {
      bytes += chunk.byteLength;
      if (bytes > limit) throw tooLarge(limit);
      parts.push(chunk);
    }
    if (bytes === 0) throw ServiceError.invalid('BAD_REQUEST', 'The file is empty.');
    if (parked + bytes > this.d.limits.unsentBytes)
      throw new ServiceError(
        'PAYLOAD_TOO_LARGE',
        'You have uploaded too many files without sending them: send or discard them first.',
        413,
      );
    const data = Buffer.concat(parts);
    const head = await this.d.repo.addAttachment({
      conversationId,
      uploadedBy: userId,
      name,
      contentType: sniffContentType(data.subarray(0, 512)),
      bytes,
      data,
      createdAt: this.d.clock(),
    });
    return attachmentOut(head);
  }

  async download(
    ctx: OrgContext,
    conversationId: string,
    attachmentId: string,
  ): Promise<{ name: string; contentType: string; data: Buffer }> {
    const userId = personOf(ctx);
    await this.find(ctx, conversationId);
    const found = await this.d.repo.attachment(conversationId, attachmentId, userId);
    if (!found) throw ServiceError.notFound('The attachment');
    return { name: found.name, contentType: found.contentType, data: found.data };
  }

  /** The conversation if the caller sees it (else 404). */
  async find(ctx: OrgContext, conversationId: string): Promise<ConversationRecord> {
    const found = await this.d.repo.byId(scopeOf(ctx.org), conversationId);
    if (!found) throw ServiceError.notFound('The conversation');
    return found;
  }

  /** Writes a call's record into its conversation, once per call (whoever ends it first). */
  async recordCall(conversation: ConversationRecord, call: CallRecordInput): Promise<void> {
    const caller = await this.d.users.byId(call.callerId);
    const row = await this.d.repo.addMessage({
      conversationId: conversation.id,
      authorId: call.callerId,
      authorName: caller ? displayName(caller) : '',
      at: this.d.clock(),
      body: '',
      callId: call.callId,
      callKind: call.kind,
      callOutcome: call.outcome,
      callDurationS: call.durationS,
    });
    if (row) await this.changed(conversation);
  }

  private async changed(conversation: Pick<ConversationRecord, 'id' | 'orgId'>): Promise<void> {
    // A client's conversation reaches its support organization's streams through the roll-up.
    await this.d.live.publish(conversation.orgId, { kind: 'conversations', conversationId: conversation.id });
  }
}

const tooLarge = (limit: number) =>
  new ServiceError(
    'PAYLOAD_TOO_LARGE',
    `An attachment may be ${Math.round(limit / 1024 / 1024)} MiB at most.`,
    413,
  );

function conversationOut(
  c: ConversationRecord,
  orgName: string,
  unread: number,
  last: { lastAuthor: string | null; lastBody: string | null } | null,
): Conversation {
  return {
    id: c.id,
    organization: { id: c.orgId, name: orgName },
    title: c.title,
    createdAt: c.createdAt.toISOString(),
    lastMessage:
      c.lastMessageAt && last && last.lastAuthor !== null
        ? { at: c.lastMessageAt.toISOString(), author: last.lastAuthor, body: last.lastBody ?? '' }
        : null,
    unread,
  };
}

const attachmentOut = (a: AttachmentHead): Attachment => ({
  id: a.id,
  name: a.name,
  bytes: a.bytes,
  contentType: a.contentType,
});

function messageOut(m: MessageRecord, attachments: readonly AttachmentHead[]): Message {
  return {
    id: m.id,
    conversationId: m.conversationId,
    author: { id: m.authorId, name: m.authorName },
    at: m.at.toISOString(),
    body: m.body,
    attachments: attachments.filter((a) => a.messageId === m.id).map(attachmentOut),
    call:
      m.callKind && m.callOutcome
        ? { kind: m.callKind, outcome: m.callOutcome, durationS: m.callDurationS ?? 0 }
        : null,
  };
}
