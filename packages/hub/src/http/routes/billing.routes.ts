import type { BillingService } from '../../services/billing/billing.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** Billing: settings, billing contacts, invoices (JSON, PDF, CSV) and their life cycle. */
export function billingRoutes(routes: ContractRoutes, d: { billing: BillingService }): void {
  routes.org('getBillingSettings', (ctx) => d.billing.settings(ctx));
  routes.org('updateBillingSettings', (ctx, { body }) => d.billing.updateSettings(ctx, body));
  routes.org('getBillingContact', (ctx, { params }) => d.billing.contact(ctx, params.clientId));
  routes.org('setBillingContact', (ctx, { params, body }) =>
    d.billing.setContact(ctx, params.clientId, body),
  );
  routes.org('listInvoices', (ctx, { query }) => d.billing.list(ctx, query));
  routes.org('listAmountsDue', (ctx) => d.billing.amountsDue(ctx));
  routes.org('draftInvoices', (ctx, { body }) => d.billing.draft(ctx, body));
  routes.org('getInvoice', (ctx, { params }) => d.billing.detail(ctx, params.invoiceId));
  routes.org('updateInvoice', (ctx, { params, body }) => d.billing.update(ctx, params.invoiceId, body));
  routes.org('issueInvoice', (ctx, { params }) => d.billing.issue(ctx, params.invoiceId));
  routes.org('markInvoicePaid', (ctx, { params, body }) => d.billing.markPaid(ctx, params.invoiceId, body));
  routes.org('voidInvoice', (ctx, { params }) => d.billing.void(ctx, params.invoiceId));
  routes.org('invoicePdf', async (ctx, { params, reply }) => {
    const { name, data } = await d.billing.pdf(ctx, params.invoiceId);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .send(data);
  });
  routes.org('invoiceCsv', async (ctx, { params, reply }) => {
    const { name, text } = await d.billing.csv(ctx, params.invoiceId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(text);
  });
}
