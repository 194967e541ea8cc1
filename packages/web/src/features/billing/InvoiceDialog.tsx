import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceChanges } from '@crosspoint/protocol';
import { call, urlOf } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDateTime, formatDay, formatMoney, formatNumber } from '../../format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { formatMonth } from '../usage/month.ts';
import { invoiceEventLabel, invoiceEventWhen, invoiceStateLabel } from './labels.ts';
import { inputToMinor, inputToQuantity, minorToInput } from './money.ts';
import { refreshBilling, useInvoice } from './queries.ts';

type Line = Invoice['lines'][number];
type EditableKind = 'pro-audio' | 'video' | 'custom';
interface LineDraft {
  key: number;
  kind: EditableKind;
  description: string;
  quantity: string;
  unitPrice: string;
}

/** One invoice: its lines and totals, the review of a draft, its actions, downloads and history. */
export function InvoiceDialog({
  orgId,
  invoiceId,
  onClose,
}: {
  orgId: string;
  invoiceId: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useInvoice(orgId, invoiceId);
  const inv = detail.data?.invoice;
  const title = !inv
    ? t('billing.invoice')
    : inv.number
      ? t('billing.invoiceNumber', { number: inv.number })
      : t('billing.draftTitle', { name: inv.client.name, month: formatMonth(inv.period, i18n.language) });
  return (
    <Dialog title={title} open onClose={onClose} wide>
      <FormError error={detail.error} />
      {!detail.data && !detail.error && <p role="status">{t('common.loading')}</p>}
      {detail.data && inv && (
        <InvoiceBody
          key={`${inv.state}:${inv.notes}:${JSON.stringify(inv.lines)}`}
          orgId={orgId}
          invoice={inv}
        />
      )}
      {detail.data && (
        <section aria-labelledby="invoice-history">
          <h3 id="invoice-history">{t('billing.history')}</h3>
          <ol className="invoice-history">
            {detail.data.history.map((e, i) => (
              <li key={`${e.at}-${e.kind}-${String(i)}`}>
                <span>{invoiceEventLabel(t, e)}</span>{' '}
                <span className="muted">{invoiceEventWhen(e, i18n.language)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Dialog>
  );
}

function InvoiceBody({ orgId, invoice: inv }: { orgId: string; invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { can } = useOrg();
  const queryClient = useQueryClient();
  const money = (minor: number) => formatMoney(minor, inv.currency, lng);
  const editable = inv.state === 'draft' && can('billing.manage');
  const [lines, setLines] = useState<LineDraft[]>(() =>
    inv.lines
      .filter((l): l is Line & { kind: EditableKind } => l.kind !== 'minimum')
      .map((l, i) => ({
        key: i,
        kind: l.kind,
        description: l.description,
        quantity: String(l.quantity),
        unitPrice: minorToInput(l.unitPrice, inv.currency),
      })),
  );
  const [notes, setNotes] = useState(inv.notes);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmVoid, setConfirmVoid] = useState(false);
  const params = { orgId, invoiceId: inv.id };

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      await refreshBilling(queryClient);
    }
  };
  const edit = (key: number, change: Partial<LineDraft>) => {
    setDirty(true);
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));
  };
  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    setInvalid(null);
    const out: NonNullable<InvoiceChanges['lines']> = [];
    for (const [i, l] of lines.entries()) {
      const quantity = inputToQuantity(l.quantity);
      const unitPrice = inputToMinor(l.unitPrice, inv.currency);
      if (!l.description.trim() || quantity === null || unitPrice === null) {
        setInvalid(t('billing.lineInvalid', { line: i + 1 }));
        return;
      }
      out.push({ kind: l.kind, description: l.description.trim(), quantity, unitPrice });
    }
    await act(async () => {
      await call('updateInvoice', { params, body: { lines: out, notes } });
      setDirty(false);
    });
  };

  const lineColumns: Column<Line>[] = [
    { key: 'description', label: t('billing.description'), render: (l) => l.description },
    {
      key: 'quantity',
      label: t('billing.quantity'),
      render: (l) => formatNumber(l.quantity, lng, { maximumFractionDigits: 2 }),
    },
    { key: 'unit', label: t('billing.unitPrice'), render: (l) => money(l.unitPrice) },
    { key: 'amount', label: t('billing.amount'), render: (l) => money(l.amount) },
  ];

  return (
    <div className="invoice">
      <dl className="invoice-facts">
        <div>
          <dt>{t('billing.client')}</dt>
          <dd>
            {inv.client.name}
            {inv.client.reference ? ` (${inv.client.reference})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('billing.month')}</dt>
          <dd>{formatMonth(inv.period, lng)}</dd>
        </div>
        <div>
          <dt>{t('common.status')}</dt>
          <dd data-testid="invoice-state">{invoiceStateLabel(t, inv.state)}</dd>
        </div>
        {inv.issuedOn && (
          <div>
            <dt>{t('billing.issuedOn')}</dt>
            <dd>{formatDay(inv.issuedOn, lng)}</dd>
          </div>
        )}
        {inv.dueOn && (
          <div>
            <dt>{t('billing.dueOn')}</dt>
            <dd>{formatDay(inv.dueOn, lng)}</dd>
          </div>
        )}
        {inv.paidAt && (
          <div>
            <dt>{t('billing.paidAt')}</dt>
            <dd>{formatDateTime(inv.paidAt, lng)}</dd>
          </div>
        )}
        <div>
          <dt>{t('billing.contactEmail')}</dt>
          <dd>{inv.contactEmail ?? t('billing.noContact')}</dd>
        </div>
      </dl>

      {editable ? (
        <form className="form" onSubmit={(e) => void save(e)} aria-label={t('billing.editDraft')}>
          <fieldset>
            <legend>{t('billing.lines')}</legend>
            {lines.map((l, i) => (
              <div
                className="form row invoice-line"
                key={l.key}
                role="group"
                aria-label={t('billing.lineN', { n: i + 1 })}
              >
                <TextField
                  id={`line-${String(l.key)}-d`}
                  label={t('billing.description')}
                  value={l.description}
                  onChange={(description) => edit(l.key, { description })}
                  maxLength={300}
                  required
                />
                <TextField
                  id={`line-${String(l.key)}-q`}
                  label={t('billing.quantity')}
                  value={l.quantity}
                  onChange={(quantity) => edit(l.key, { quantity })}
                  inputMode="decimal"
                  required
                />
                <TextField
                  id={`line-${String(l.key)}-p`}
                  label={t('billing.unitPriceIn', { currency: inv.currency })}
                  value={l.unitPrice}
                  onChange={(unitPrice) => edit(l.key, { unitPrice })}
                  inputMode="decimal"
                  required
                />
                <button
                  type="button"
                  className="link danger"
                  aria-label={t('billing.removeLine', { n: i + 1 })}
                  onClick={() => {
                    setDirty(true);
                    setLines((ls) => ls.filter((x) => x.key !== l.key));
                  }}
                >
                  {t('common.delete')}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDirty(true);
                setLines((ls) => [
                  ...ls,
                  {
                    key: Math.max(0, ...ls.map((x) => x.key)) + 1,
                    kind: 'custom',
                    description: '',
                    quantity: '1',
                    unitPrice: '',
                  },
                ]);
              }}
            >
              {t('billing.addLine')}
            </button>
          </fieldset>
          <div className="field">
            <label htmlFor="invoice-notes">{t('billing.notes')}</label>
            <textarea
              id="invoice-notes"
              rows={3}
              maxLength={2000}
              value={notes}
              onChange={(e) => {
                setDirty(true);
                setNotes(e.target.value);
              }}
            />
          </div>
          {invalid && (
            <p role="alert" className="form-error">
              {invalid}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="secondary" disabled={busy || !dirty}>
              {t('billing.saveDraft')}
            </button>
          </div>
          <p className="muted">{t('billing.recomputed')}</p>
        </form>
      ) : (
        <>
          <DataTable
            label={t('billing.lines')}
            columns={lineColumns}
            rows={inv.lines}
            rowKey={(l) => `${l.kind}:${l.description}`}
            compact
          />
          {inv.notes && <p className="invoice-notes">{inv.notes}</p>}
        </>
      )}
      {editable && inv.lines.some((l) => l.kind === 'minimum') && (
        <p className="muted">
          {t('billing.minimumLine', {
            amount: money(inv.lines.find((l) => l.kind === 'minimum')?.amount ?? 0),
          })}
        </p>
      )}

      <dl className="invoice-totals" aria-label={t('billing.totals')}>
        <div>
          <dt>{t('billing.subtotal')}</dt>
          <dd>{money(inv.subtotal)}</dd>
        </div>
        <div>
          <dt>
            {t('billing.tax', {
              rate: formatNumber(inv.taxRateBp / 10_000, lng, { style: 'percent', maximumFractionDigits: 2 }),
            })}
          </dt>
          <dd>{money(inv.tax)}</dd>
        </div>
        <div>
          <dt>{t('billing.total')}</dt>
          <dd data-testid="invoice-total">{money(inv.total)}</dd>
        </div>
      </dl>

      <FormError error={error} />
      {can('billing.manage') && (
        <div className="actions">
          {inv.state === 'draft' && (
            <button
              type="button"
              disabled={busy || dirty}
              title={dirty ? t('billing.saveFirst') : undefined}
              onClick={() => void act(() => call('issueInvoice', { params }))}
            >
              {t('billing.issue')}
            </button>
          )}
          {(inv.state === 'issued' || inv.state === 'overdue') && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void act(() => call('markInvoicePaid', { params, body: {} }))}
            >
              {t('billing.markPaid')}
            </button>
          )}
          {inv.state !== 'paid' && inv.state !== 'void' && !confirmVoid && (
            <button
              type="button"
              className="secondary danger"
              disabled={busy}
              onClick={() => setConfirmVoid(true)}
            >
              {t('billing.void')}
            </button>
          )}
        </div>
      )}
      {confirmVoid && (
        <div role="alertdialog" aria-labelledby="void-question" className="confirm">
          <p id="void-question">{t('billing.confirmVoid')}</p>
          <div className="actions">
            <button type="button" className="secondary" autoFocus onClick={() => setConfirmVoid(false)}>
              {t('billing.keep')}
            </button>
            <button
              type="button"
              className="secondary danger"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await call('voidInvoice', { params });
                  setConfirmVoid(false);
                })
              }
            >
              {t('billing.confirmVoidButton')}
            </button>
          </div>
        </div>
      )}

      <p className="row-actions">
        <span>{t('billing.download')}</span>
        <a href={urlOf('invoicePdf', { params })} download>
          {t('billing.pdf')}
        </a>
        <a href={urlOf('invoiceCsv', { params })} download>
          {t('billing.csv')}
        </a>
        <a href={urlOf('getInvoice', { params })} download={`invoice-${inv.number ?? inv.id}.json`}>
          {t('billing.json')}
        </a>
      </p>
    </div>
  );
}
