import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format.ts';
import { useInvoices } from './queries.ts';

/** Minor units owed per currency. */
export type AmountDue = Map<string, number>;

/**
 * What each client owes a support organization (its issued and overdue invoices), by client id, for
 * the Organizations table: the two lists of unpaid invoices, summed here.
 */
export function useAmountsDue(orgId: string, enabled: boolean): Map<string, AmountDue> {
  const issued = useInvoices(orgId, { state: 'issued' }, enabled);
  const overdue = useInvoices(orgId, { state: 'overdue' }, enabled);
  return useMemo(() => {
    const due = new Map<string, AmountDue>();
    for (const inv of [...(issued.data?.items ?? []), ...(overdue.data?.items ?? [])]) {
      const client = due.get(inv.client.id) ?? new Map<string, number>();
      client.set(inv.currency, (client.get(inv.currency) ?? 0) + inv.total);
      due.set(inv.client.id, client);
    }
    return due;
  }, [issued.data, overdue.data]);
}

/** "€59.50" (or one amount per currency); "—" when nothing is owed. */
export function AmountDueCell({ due }: { due: AmountDue | undefined }) {
  const { i18n } = useTranslation();
  if (!due || due.size === 0) return <>—</>;
  return <>{[...due].map(([currency, minor]) => formatMoney(minor, currency, i18n.language)).join(', ')}</>;
}
