import type { TFunction } from 'i18next';
import type { InvoiceEvent, InvoiceState } from '@crosspoint/protocol';
import { formatDateTime } from '../../format.ts';

/** An invoice's state in the reader's language. */
export function invoiceStateLabel(t: TFunction, state: InvoiceState): string {
  switch (state) {
    case 'draft':
      return t('billing.state.draft');
    case 'issued':
      return t('billing.state.issued');
    case 'overdue':
      return t('billing.state.overdue');
    case 'paid':
      return t('billing.state.paid');
    case 'void':
      return t('billing.state.void');
  }
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '—');

/** One entry of an invoice's history as a sentence: "Emailed to ap@globex.example", "Webhook Accounting: failed". */
export function invoiceEventLabel(t: TFunction, e: InvoiceEvent): string {
  const d = e.detail;
  const ok = d['ok'] !== false;
  switch (e.kind) {
    case 'drafted':
      return t('billing.event.drafted');
    case 'edited':
      return t('billing.event.edited');
    case 'issued':
      return t('billing.event.issued', { number: text(d['number']), due: text(d['dueOn']) });
    case 'emailed':
      return ok
        ? t('billing.event.emailed', { to: text(d['to']) })
        : t('billing.event.emailFailed', { to: text(d['to']), error: text(d['error']) });
    case 'mail_skipped':
      return t('billing.event.mailSkipped');
    case 'paid':
      return t('billing.event.paid');
    case 'overdue':
      return t('billing.event.overdue');
    case 'voided':
      return t('billing.event.voided');
    case 'reminder':
      return t('billing.event.reminder', { day: text(d['day']), to: text(d['to']) });
    case 'reminder_skipped':
      return t('billing.event.reminderSkipped', { day: text(d['day']) });
    case 'webhook': {
      const attempt = typeof d['attempt'] === 'number' && d['attempt'] > 1 ? d['attempt'] : null;
      const which = { type: text(d['type']), webhook: text(d['webhook']) };
      const line =
        d['ok'] === null
          ? t('billing.event.webhookSending', which)
          : ok
            ? t('billing.event.webhook', which)
            : t(d['final'] ? 'billing.event.webhookGaveUp' : 'billing.event.webhookFailed', {
                ...which,
                error: text(d['error']),
              });
      return attempt ? `${line} ${t('billing.event.attempt', { n: attempt })}` : line;
    }
    default:
      return e.kind;
  }
}

/** "27/11/2026 10:04 — Anna Admin" for a history entry. */
export const invoiceEventWhen = (e: InvoiceEvent, lng: string): string =>
  e.actor ? `${formatDateTime(e.at, lng)} — ${e.actor}` : formatDateTime(e.at, lng);
