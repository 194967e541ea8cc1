import type { MailService } from '../../services/mail.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** The operator's view of outgoing mail: what was sent, what failed and why, and what is kept. */
export function outboxRoutes(routes: ContractRoutes, d: { mail: MailService }): void {
  routes.plain('listOutbox', async ({ query }) => {
    const rows = await d.mail.recent(query.limit ?? 50, query.to);
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
