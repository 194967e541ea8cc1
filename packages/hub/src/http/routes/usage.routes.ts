import type { FastifyReply } from 'fastify';
import type { UsageService } from '../../services/usage/usage.service.ts';
import { clientUsageCsv, usageCsv } from '../../services/usage/usage-csv.ts';
import type { ContractRoutes } from '../contract-routes.ts';

function sendCsv(reply: FastifyReply, name: string, text: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(text);
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organization';

/** Usage metering: an organization's usage by day, a support organization's clients by month (JSON and CSV). */
export function usageRoutes(routes: ContractRoutes, d: { usage: UsageService }): void {
  routes.org('getUsage', (ctx, { query }) => d.usage.usage(ctx, query));
  routes.org('exportUsage', async (ctx, { query, reply }) => {
    const report = await d.usage.usage(ctx, query);
    return sendCsv(reply, `usage-${slug(report.name)}-${report.from}-${report.to}.csv`, usageCsv(report));
  });
  routes.org('listClientUsage', (ctx, { query }) => d.usage.clientUsage(ctx, query));
  routes.org('exportClientUsage', async (ctx, { query, reply }) => {
    const report = await d.usage.clientUsage(ctx, query);
    return sendCsv(reply, `client-usage-${slug(ctx.org.name)}-${report.month}.csv`, clientUsageCsv(report));
  });
}
