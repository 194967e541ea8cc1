// Billing (docs/billing.md): the invoices of a support organization, one invoice with its history,
// the price list and details. There is no live event for invoices: the list refreshes on an interval
// and after every action (`refreshBilling`).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { InvoiceListQuery } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';

/** How often the invoice list refreshes by itself (the sweep marks invoices overdue hourly). */
export const invoiceListRefreshMs = 30_000;

export const useInvoices = (orgId: string, filters: InvoiceListQuery, enabled = true) =>
  useQuery({
    queryKey: ['listInvoices', orgId, filters],
    queryFn: ({ signal }) => call('listInvoices', { params: { orgId }, query: filters }, { signal }),
    refetchInterval: invoiceListRefreshMs,
    placeholderData: (prev) => prev,
    enabled,
  });

/** What each client owes, summed by the hub over all its unpaid invoices. */
export const useAmountsDueQuery = (orgId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['listAmountsDue', orgId],
    queryFn: ({ signal }) => call('listAmountsDue', { params: { orgId } }, { signal }),
    refetchInterval: invoiceListRefreshMs,
    enabled,
  });

export const useInvoice = (orgId: string, invoiceId: string) =>
  useQuery({
    queryKey: ['getInvoice', orgId, invoiceId],
    queryFn: ({ signal }) => call('getInvoice', { params: { orgId, invoiceId } }, { signal }),
  });

export const useBillingSettings = (orgId: string) =>
  useQuery({
    queryKey: ['getBillingSettings', orgId],
    queryFn: ({ signal }) => call('getBillingSettings', { params: { orgId } }, { signal }),
  });

/** After a draft, edit, issue, payment or void: the lists and the open invoice are read again. */
export const refreshBilling = (client: QueryClient) =>
  client.invalidateQueries({
    predicate: (q) => ['listInvoices', 'getInvoice', 'listAmountsDue'].includes(String(q.queryKey[0])),
  });
