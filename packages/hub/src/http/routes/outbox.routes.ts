import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { OutboxList, OutboxQuery } from '@crosspoint/protocol';
import type { AccessService } from '../../services/access.service.ts';
import type { MailService } from '../../services/mail.service.ts';
import { requireAuth } from '../request-auth.ts';

/** The operator's view of outgoing mail: what was sent, what failed and why, and what is kept. */
export function outboxRoutes(root: FastifyInstance, d: { access: AccessService; mail: MailService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/outbox', { schema: { tags: ['operator'], summary: 'Recent outgoing mail (operators only)', querystring: OutboxQuery, response: { 200: OutboxList } } }, async (req) => {
    await d.access.requireOperator(requireAuth(req).actor);
    const rows = await d.mail.recent(req.query.limit ?? 50, req.query.to);
    return {
      items: rows.map((r) => ({
        id: r.id,
        to: r.to,
        subject: r.subject,
        text: r.text,
        kind: r.kind,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      })),
    };
  });
}
