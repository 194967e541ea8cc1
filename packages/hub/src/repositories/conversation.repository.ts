import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import {
  conversationMessages,
  conversationReads,
  conversations,
  messageAttachments,
} from '../db/schema/index.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';
import { rowsOf } from './raw-rows.ts';

export type ConversationRecord = typeof conversations.$inferSelect;
export type MessageRecord = typeof conversationMessages.$inferSelect;
export type AttachmentHead = Omit<typeof messageAttachments.$inferSelect, 'data'>;

export interface ConversationRow extends ConversationRecord {
  orgName: string;
  unread: number;
  lastAuthor: string | null;
  lastBody: string | null;
}

export interface PersonRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  orgId: string;
  orgName: string;
}

/** Conversations, their messages, attachments and read markers: the only SQL of communications. */
/** An attachment's columns but its contents. */
const attachmentHead = {
  id: messageAttachments.id,
  conversationId: messageAttachments.conversationId,
  messageId: messageAttachments.messageId,
  uploadedBy: messageAttachments.uploadedBy,
  name: messageAttachments.name,
  contentType: messageAttachments.contentType,
  bytes: messageAttachments.bytes,
  createdAt: messageAttachments.createdAt,
};

export class ConversationRepository {
  constructor(private readonly db: Db) {}

  /** The conversations in a scope with the reader's unread counts and the last message, latest first. */
  async list(scope: OrgScope, readerId: string): Promise<ConversationRow[]> {
    const rows = rowsOf<{
      id: string;
      org_id: string;
      org_name: string;
      title: string;
      created_by: string | null;
      created_at: string | Date;
      last_message_at: string | Date | null;
      unread: number;
      last_author: string | null;
      last_body: string | null;
    }>(
      await this.db.execute(sql`
        SELECT c.id, c.org_id, o.name AS org_name, c.title, c.created_by, c.created_at, c.last_message_at,
          (SELECT count(*)::int FROM conversation_messages m
            WHERE m.conversation_id = c.id AND m.author_id IS DISTINCT FROM ${readerId}
              AND m.at > coalesce((SELECT r.read_at FROM conversation_reads r
                WHERE r.conversation_id = c.id AND r.user_id = ${readerId}), '-infinity'::timestamptz)) AS unread,
          l.author_name AS last_author, l.body AS last_body
        FROM conversations c
        JOIN organizations o ON o.id = c.org_id
        LEFT JOIN LATERAL (SELECT m.author_name, m.body FROM conversation_messages m
          WHERE m.conversation_id = c.id ORDER BY m.at DESC, m.id DESC LIMIT 1) l ON true
        WHERE ${inOrgScope(sql`c.org_id`, scope)}
        ORDER BY coalesce(c.last_message_at, c.created_at) DESC, c.id
        LIMIT 500`),
    );
    return rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      title: r.title,
      createdBy: r.created_by,
      createdAt: new Date(r.created_at),
      lastMessageAt: r.last_message_at === null ? null : new Date(r.last_message_at),
      unread: r.unread,
      lastAuthor: r.last_author,
      lastBody: r.last_body,
    }));
  }

  /** One conversation in a scope (another scope's: undefined). */
  async byId(scope: OrgScope, id: string): Promise<ConversationRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), inOrgScope(conversations.orgId, scope)));
    return row;
  }

  async create(values: typeof conversations.$inferInsert): Promise<ConversationRecord> {
    const [row] = await this.db.insert(conversations).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  /**
   * Adds a message (and names its attachments, which must be the author's, in this conversation and
   * not yet sent) in one transaction. Undefined when a call record for the call is there already.
   */
  async addMessage(
    values: typeof conversationMessages.$inferInsert & { at: Date },
    attachmentIds: readonly string[] = [],
  ): Promise<MessageRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(conversationMessages).values(values).onConflictDoNothing().returning();
      if (!row) return undefined;
      if (attachmentIds.length > 0) {
        const named = await tx
          .update(messageAttachments)
          .set({ messageId: row.id })
          .where(
            and(
              eq(messageAttachments.conversationId, row.conversationId),
              sql`${messageAttachments.id} IN (${sql.join(
                attachmentIds.map((id) => sql`${id}::uuid`),
                sql`, `,
              )})`,
              sql`${messageAttachments.messageId} IS NULL`,
              values.authorId ? eq(messageAttachments.uploadedBy, values.authorId) : sql`false`,
            ),
          )
          .returning({ id: messageAttachments.id });
        if (named.length !== attachmentIds.length) throw new MissingAttachment();
      }
      await tx
        .update(conversations)
        .set({ lastMessageAt: values.at })
        .where(eq(conversations.id, row.conversationId));
      return row;
    });
  }

  /** Messages newest first, before a cursor (at, id), optionally matching words. */
  async messages(
    conversationId: string,
    options: { before?: { at: Date; id: string } | undefined; search?: string | undefined; limit: number },
  ): Promise<MessageRecord[]> {
    const words = (options.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
    const conditions = [
      eq(conversationMessages.conversationId, conversationId),
      ...words.map((w) => sql`${conversationMessages.body} ILIKE ${`%${escapeLike(w)}%`}`),
    ];
    if (options.before)
      conditions.push(
        sql`(${conversationMessages.at}, ${conversationMessages.id}) < (${options.before.at.toISOString()}::timestamptz, ${options.before.id}::uuid)`,
      );
    return this.db
      .select()
      .from(conversationMessages)
      .where(and(...conditions))
      .orderBy(sql`${conversationMessages.at} DESC, ${conversationMessages.id} DESC`)
      .limit(options.limit);
  }

  async attachmentsOf(messageIds: readonly string[]): Promise<AttachmentHead[]> {
    if (messageIds.length === 0) return [];
    return this.db
      .select(attachmentHead)
      .from(messageAttachments)
      .where(
        sql`${messageAttachments.messageId} IN (${sql.join(
          messageIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
  }

  async addAttachment(values: typeof messageAttachments.$inferInsert): Promise<AttachmentHead> {
    const [row] = await this.db.insert(messageAttachments).values(values).returning(attachmentHead);
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  /** An attachment of a conversation with its contents: sent ones, or the uploader's own unsent ones. */
  async attachment(
    conversationId: string,
    id: string,
    readerId: string,
  ): Promise<typeof messageAttachments.$inferSelect | undefined> {
    const [row] = await this.db
      .select()
      .from(messageAttachments)
      .where(
        and(
          eq(messageAttachments.conversationId, conversationId),
          eq(messageAttachments.id, id),
          sql`(${messageAttachments.messageId} IS NOT NULL OR ${messageAttachments.uploadedBy} = ${readerId})`,
        ),
      );
    return row;
  }

  /** Bytes a person uploaded and did not send yet (limits what one may park). */
  async unsentBytes(userId: string): Promise<number> {
    const [row] = rowsOf<{ bytes: number }>(
      await this.db.execute(
        sql`SELECT coalesce(sum(bytes), 0)::int AS bytes FROM message_attachments WHERE uploaded_by = ${userId} AND message_id IS NULL`,
      ),
    );
    return row?.bytes ?? 0;
  }

  async markRead(conversationId: string, userId: string, at: Date): Promise<void> {
    await this.db
      .insert(conversationReads)
      .values({ conversationId, userId, readAt: at })
      .onConflictDoUpdate({
        target: [conversationReads.conversationId, conversationReads.userId],
        set: { readAt: sql`greatest(${conversationReads.readAt}, excluded.read_at)` },
      });
  }

  /**
   * The people of an organization's conversations: its registered members and, for a client, its
   * support organization's.
   */
  async people(orgId: string): Promise<PersonRow[]> {
    return rowsOf<PersonRow>(
      await this.db.execute(sql`
        SELECT DISTINCT ON (u.id) u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName",
          o.id AS "orgId", o.name AS "orgName"
        FROM memberships m
        JOIN users u ON u.id = m.user_id AND u.registered_at IS NOT NULL
        JOIN organizations o ON o.id = m.org_id
        WHERE m.org_id = ${orgId}
          OR m.org_id = (SELECT parent_id FROM organizations c WHERE c.id = ${orgId} AND c.kind = 'client')
        ORDER BY u.id, (o.id = ${orgId}) DESC
        LIMIT 1000`),
    );
  }
}

/** An attachment named by a message is not the author's unsent upload in this conversation. */
export class MissingAttachment extends Error {
  constructor() {
    super('attachment not found');
    this.name = 'MissingAttachment';
  }
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
