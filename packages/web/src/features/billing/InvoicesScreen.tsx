import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoiceStates, type Invoice, type InvoiceState } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDay, formatMoney } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ListToolbar } from '../../ui/ListToolbar.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { isOneOf } from '../../ui/oneOf.ts';
import { formatMonth, isMonth } from '../usage/month.ts';
import { BillingSettingsForm } from './BillingSettingsForm.tsx';
import { DraftInvoices } from './DraftInvoices.tsx';
import { InvoiceDialog } from './InvoiceDialog.tsx';
import { invoiceStateLabel } from './labels.ts';
import { useBillingSettings, useInvoices } from './queries.ts';

const tabs = ['invoices', 'settings'] as const;
const stateBadge: Record<InvoiceState, string> = {
  draft: 'muted',
  issued: 'info',
  overdue: 'down',
  paid: 'ok',
  void: 'muted',
};
type Tab = (typeof tabs)[number];

/** All the clients of a support organization, for the filter and for drafting (500 a page). */
export const useAllClients = (orgId: string) =>
  useQuery({
    queryKey: ['listClients', orgId, 'all'],
    queryFn: async ({ signal }) => {
      const all: { id: string; name: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(
          'listClients',
          { params: { orgId }, query: { limit: 500, sort: 'name', ...(cursor ? { cursor } : {}) } },
          { signal },
        );
        all.push(...page.items.map((c) => ({ id: c.id, name: c.name })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });

/**
 * Invoices of a support organization to its clients (docs/billing.md): the list with its totals,
 * drafting a month client by client, the review of one invoice, and the billing settings.
 */
export function InvoicesScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('invoices');
  return (
    <section aria-labelledby="invoices-title">
      <div className="screen-head">
        <h1 id="invoices-title">{t('billing.title')}</h1>
      </div>
      <Tabs
        label={t('billing.tabs')}
        tabs={tabs}
        current={tab}
        onChange={setTab}
        labelOf={(name) => (name === 'invoices' ? t('billing.invoicesTab') : t('billing.settingsTab'))}
      >
        {tab === 'invoices' ? <InvoiceList /> : <BillingSettingsForm />}
      </Tabs>
    </section>
  );
}

function InvoiceList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { orgId, can } = useOrg();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<InvoiceState | ''>('');
  const [clientId, setClientId] = useState('');
  const [month, setMonth] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const debounced = useDebounced(search);
  const clients = useAllClients(orgId);
  const settings = useBillingSettings(orgId);
  const list = useInvoices(orgId, {
    ...(debounced ? { search: debounced } : {}),
    ...(state ? { state } : {}),
    ...(clientId ? { clientId } : {}),
    ...(month ? { period: month } : {}),
  });
  const items = list.data?.items ?? [];
  const currency = items[0]?.currency ?? settings.data?.currency ?? 'EUR';
  const money = (minor: number, cur = currency) => formatMoney(minor, cur, lng);
  const filtered = Boolean(debounced || state || clientId || month);
  const columns: Column<Invoice>[] = [
    {
      key: 'number',
      label: t('billing.number'),
      render: (inv) => inv.number ?? <span className="muted">{t('billing.noNumber')}</span>,
    },
    { key: 'client', label: t('billing.client'), render: (inv) => inv.client.name },
    { key: 'period', label: t('billing.month'), render: (inv) => formatMonth(inv.period, lng) },
    {
      key: 'state',
      label: t('common.status'),
      render: (inv) => (
        <span className={`badge ${stateBadge[inv.state]}`}>{invoiceStateLabel(t, inv.state)}</span>
      ),
    },
    { key: 'total', label: t('billing.total'), render: (inv) => money(inv.total, inv.currency) },
    {
      key: 'due',
      label: t('billing.dueOn'),
      render: (inv) => (inv.dueOn ? formatDay(inv.dueOn, lng) : '—'),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      render: (inv) => (
        <button
          type="button"
          className="link"
          aria-label={
            inv.state === 'draft' && can('billing.manage')
              ? t('billing.reviewOf', { name: inv.client.name })
              : t('billing.openInvoiceOf', {
                  name: inv.number ?? t('billing.draftOf', { name: inv.client.name }),
                })
          }
          onClick={() => setOpen(inv.id)}
        >
          {inv.state === 'draft' && can('billing.manage') ? t('billing.review') : t('billing.open')}
        </button>
      ),
    },
  ];
  return (
    <>
      {can('billing.manage') && <DraftInvoices clients={clients.data} />}
      <ListToolbar
        search={search}
        onSearch={setSearch}
        placeholder={t('billing.searchPlaceholder')}
        searchLabel={t('billing.search')}
        count={t('billing.invoiceCount', { count: list.data?.totals.count ?? 0 })}
        total={list.data?.totals.count ?? 0}
        shown={items.length}
      >
        <select
          aria-label={t('billing.filterState')}
          value={state}
          onChange={(e) => {
            const v = e.target.value;
            setState(isOneOf(invoiceStates, v) ? v : '');
          }}
        >
          <option value="">{t('billing.allStates')}</option>
          {invoiceStates.map((s) => (
            <option key={s} value={s}>
              {invoiceStateLabel(t, s)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('billing.filterClient')}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
        >
          <option value="">{t('billing.allClients')}</option>
          {(clients.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label>
          {t('billing.month')}{' '}
          <input
            type="month"
            value={month}
            onChange={(e) => setMonth(isMonth(e.target.value) ? e.target.value : '')}
          />
        </label>
      </ListToolbar>
      {list.data && (
        <dl className="invoice-totals" aria-label={t('billing.totals')}>
          <div>
            <dt>{t('billing.totalListed')}</dt>
            <dd data-testid="invoices-total">{money(list.data.totals.total)}</dd>
          </div>
          <div>
            <dt>{t('billing.outstanding')}</dt>
            <dd data-testid="invoices-outstanding">{money(list.data.totals.outstanding)}</dd>
          </div>
        </dl>
      )}
      <FormError error={list.error} />
      <DataTable
        label={t('billing.table')}
        columns={columns}
        rows={items}
        rowKey={(inv) => inv.id}
        empty={
          list.isPending ? t('common.loading') : filtered ? t('billing.noMatch') : t('billing.noInvoices')
        }
      />
      {open && <InvoiceDialog orgId={orgId} invoiceId={open} onClose={() => setOpen(null)} />}
    </>
  );
}
