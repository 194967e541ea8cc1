import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../format.ts';
import { useAmountsDueQuery } from './queries.ts';

/** Minor units owed per currency. */
export type AmountDue = Map<string, number>;

/**
 * What each client owes a support organization (its issued and overdue invoices), by client id, for
 * the Organizations table: the hub sums all of them.
 */
export function useAmountsDue(orgId: string, enabled: boolean): Map<string, AmountDue> {
  const due = useAmountsDueQuery(orgId, enabled);
  return useMemo(() => {
    const byClient = new Map<string, AmountDue>();
    for (const row of due.data?.items ?? []) {
      const client = byClient.get(row.clientId) ?? new Map<string, number>();
      client.set(row.currency, row.amount);
      byClient.set(row.clientId, client);
    }
    return byClient;
  }, [due.data]);
}

/** "€59.50" (or one amount per currency); "—" when nothing is owed. */
export function AmountDueCell({ due }: { due: AmountDue | undefined }) {
  const { i18n } = useTranslation();
  if (!due || due.size === 0) return <>—</>;
  return <>{[...due].map(([currency, minor]) => formatMoney(minor, currency, i18n.language)).join(', ')}</>;
}
