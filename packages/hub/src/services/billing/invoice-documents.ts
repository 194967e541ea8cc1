import type { BillingSettingsRecord, InvoiceView } from '../../repositories/billing.repository.ts';
import type { InvoicePdfModel } from '../../adapters/invoice-pdf.ts';
import { decimal, quantityText } from './invoice-rule.ts';

/** The words of invoices, their CSV and their mails, per language (the billing contact's). */
const words = {
  en: {
    invoice: 'Invoice',
    draft: 'Draft invoice',
    number: 'Invoice number',
    issuedOn: 'Date',
    dueOn: 'Due date',
    period: 'Period',
    reference: 'Your reference',
    account: 'Account',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: (rate: string) => `Tax ${rate} %`,
    total: 'Total',
    taxId: 'Tax ID',
    proAudio: (month: string) => `Pro Audio devices, monthly average (${month})`,
    video: (month: string) => `Video devices, monthly average (${month})`,
    minimum: 'Minimum charge',
    issuedSubject: (n: string, from: string) => `Invoice ${n} from ${from}`,
    issuedText: (p: MailParams) =>
      `Hello ${p.name},\n\nplease find below invoice ${p.number} for ${p.period}.\nTotal: ${p.total}, due on ${p.dueOn}.\n\n${p.summary}\n\n${p.payment}\n\nKind regards,\n${p.from}`,
    reminderSubject: (n: string, overdue: boolean) =>
      overdue ? `Overdue: invoice ${n}` : `Payment reminder: invoice ${n}`,
    reminderText: (p: MailParams) =>
      `Hello ${p.name},\n\nthis is a reminder that invoice ${p.number} (${p.total}) ${p.overdue ? `was due on ${p.dueOn} and is not paid yet` : `is due on ${p.dueOn}`}.\nIf you have paid it already, please ignore this message.\n\n${p.payment}\n\nKind regards,\n${p.from}`,
  },
  de: {
    invoice: 'Rechnung',
    draft: 'Rechnungsentwurf',
    number: 'Rechnungsnummer',
    issuedOn: 'Datum',
    dueOn: 'Fällig am',
    period: 'Leistungszeitraum',
    reference: 'Ihre Referenz',
    account: 'Kundenkonto',
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    amount: 'Betrag',
    subtotal: 'Zwischensumme',
    tax: (rate: string) => `USt. ${rate} %`,
    total: 'Gesamtbetrag',
    taxId: 'USt-IdNr.',
    proAudio: (month: string) => `Pro-Audio-Geräte, Monatsdurchschnitt (${month})`,
    video: (month: string) => `Videogeräte, Monatsdurchschnitt (${month})`,
    minimum: 'Mindestbetrag',
    issuedSubject: (n: string, from: string) => `Rechnung ${n} von ${from}`,
    issuedText: (p: MailParams) =>
      `Guten Tag ${p.name},\n\nanbei die Rechnung ${p.number} für ${p.period}.\nGesamtbetrag: ${p.total}, fällig am ${p.dueOn}.\n\n${p.summary}\n\n${p.payment}\n\nMit freundlichen Grüßen\n${p.from}`,
    reminderSubject: (n: string, overdue: boolean) =>
      overdue ? `Überfällig: Rechnung ${n}` : `Zahlungserinnerung: Rechnung ${n}`,
    reminderText: (p: MailParams) =>
      `Guten Tag ${p.name},\n\nwir erinnern an die Rechnung ${p.number} (${p.total}), ${p.overdue ? `die am ${p.dueOn} fällig war und noch nicht bezahlt ist` : `fällig am ${p.dueOn}`}.\nFalls Sie bereits bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos.\n\n${p.payment}\n\nMit freundlichen Grüßen\n${p.from}`,
  },
  fr: {
    invoice: 'Facture',
    draft: 'Projet de facture',
    number: 'Numéro de facture',
    issuedOn: 'Date',
    dueOn: 'Échéance',
    period: 'Période',
    reference: 'Votre référence',
    account: 'Compte',
    description: 'Désignation',
    quantity: 'Quantité',
    unitPrice: 'Prix unitaire',
    amount: 'Montant',
    subtotal: 'Sous-total',
    tax: (rate: string) => `TVA ${rate} %`,
    total: 'Total',
    taxId: 'N° de TVA',
    proAudio: (month: string) => `Appareils Pro Audio, moyenne mensuelle (${month})`,
    video: (month: string) => `Appareils vidéo, moyenne mensuelle (${month})`,
    minimum: 'Montant minimum',
    issuedSubject: (n: string, from: string) => `Facture ${n} de ${from}`,
    issuedText: (p: MailParams) =>
      `Bonjour ${p.name},\n\nveuillez trouver ci-dessous la facture ${p.number} pour ${p.period}.\nTotal : ${p.total}, échéance le ${p.dueOn}.\n\n${p.summary}\n\n${p.payment}\n\nCordialement,\n${p.from}`,
    reminderSubject: (n: string, overdue: boolean) =>
      overdue ? `En retard : facture ${n}` : `Rappel de paiement : facture ${n}`,
    reminderText: (p: MailParams) =>
      `Bonjour ${p.name},\n\nnous vous rappelons la facture ${p.number} (${p.total}), ${p.overdue ? `échue le ${p.dueOn} et non encore réglée` : `à régler le ${p.dueOn}`}.\nSi vous l’avez déjà réglée, merci de ne pas tenir compte de ce message.\n\n${p.payment}\n\nCordialement,\n${p.from}`,
  },
};

interface MailParams {
  name: string;
  number: string;
  period: string;
  total: string;
  dueOn: string;
  summary: string;
  payment: string;
  from: string;
  overdue: boolean;
}

export type Words = (typeof words)['en'];
export const wordsFor = (language: string | null | undefined): Words =>
  language === 'de' ? words.de : language === 'fr' ? words.fr : words.en;

export const money = (minor: number, currency: string): string => `${decimal(minor)} ${currency}`;
const rateText = (bp: number): string => (bp % 100 === 0 ? String(bp / 100) : decimal(bp));

/** The seller's name: its legal name, or the organization's. */
const sellerName = (s: BillingSettingsRecord, orgName: string): string => s.legalName || orgName;

export function invoicePdfModel(
  inv: InvoiceView,
  s: BillingSettingsRecord,
  orgName: string,
): InvoicePdfModel {
  const w = wordsFor(inv.contactLanguage);
  const facts: [string, string][] = [
    [w.number, inv.number ?? '—'],
    [w.issuedOn, inv.issuedOn ?? '—'],
    [w.dueOn, inv.dueOn ?? '—'],
    [w.period, inv.period],
  ];
  if (inv.clientReference) facts.push([w.reference, inv.clientReference]);
  if (inv.clientAccountNumber) facts.push([w.account, inv.clientAccountNumber]);
  return {
    title: inv.number ? `${w.invoice} ${inv.number}` : w.draft,
    facts,
    seller: [
      sellerName(s, orgName),
      ...s.address.split('\n'),
      ...(s.taxId ? [`${w.taxId}: ${s.taxId}`] : []),
    ].filter((l) => l.trim() !== ''),
    buyer: [inv.clientName, ...(inv.contactName ? [inv.contactName] : [])],
    columns: [w.description, w.quantity, w.unitPrice, w.amount],
    lines: inv.lines.map((l) => [
      l.description,
      quantityText(l.quantity100),
      money(l.unitPrice, inv.currency),
      money(l.amount, inv.currency),
    ]),
    totals: [
      [w.subtotal, money(inv.subtotal, inv.currency)],
      [w.tax(rateText(inv.taxRateBp)), money(inv.tax, inv.currency)],
      [w.total, money(inv.total, inv.currency)],
    ],
    notes: inv.notes ? inv.notes.split('\n') : [],
    footer: s.paymentDetails ? s.paymentDetails.split('\n') : [],
  };
}

const csvCell = (v: string | number): string => {
  const s = String(v);
  // A cell a spreadsheet would run as a formula gets a leading quote.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The invoice as CSV: one row per line, then the totals; amounts as decimals in the invoice's currency. */
export function invoiceCsv(inv: InvoiceView): string {
  const rows: (string | number)[][] = [
    ['invoice', 'client', 'period', 'kind', 'description', 'quantity', 'unit_price', 'amount', 'currency'],
    ...inv.lines.map((l) => [
      inv.number ?? '',
      inv.clientName,
      inv.period,
      l.kind,
      l.description,
      quantityText(l.quantity100),
      decimal(l.unitPrice),
      decimal(l.amount),
      inv.currency,
    ]),
    [
      inv.number ?? '',
      inv.clientName,
      inv.period,
      'subtotal',
      '',
      '',
      '',
      decimal(inv.subtotal),
      inv.currency,
    ],
    [
      inv.number ?? '',
      inv.clientName,
      inv.period,
      'tax',
      rateText(inv.taxRateBp),
      '',
      '',
      decimal(inv.tax),
      inv.currency,
    ],
    [inv.number ?? '', inv.clientName, inv.period, 'total', '', '', '', decimal(inv.total), inv.currency],
  ];
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function mailParams(
  inv: InvoiceView,
  s: BillingSettingsRecord,
  orgName: string,
  overdue: boolean,
): MailParams {
  const w = wordsFor(inv.contactLanguage);
  const summary = [
    ...inv.lines.map(
      (l) =>
        `${l.description}: ${quantityText(l.quantity100)} × ${money(l.unitPrice, inv.currency)} = ${money(l.amount, inv.currency)}`,
    ),
    `${w.subtotal}: ${money(inv.subtotal, inv.currency)}`,
    `${w.tax(rateText(inv.taxRateBp))}: ${money(inv.tax, inv.currency)}`,
    `${w.total}: ${money(inv.total, inv.currency)}`,
  ].join('\n');
  return {
    name: inv.contactName ?? inv.clientName,
    number: inv.number ?? '',
    period: inv.period,
    total: money(inv.total, inv.currency),
    dueOn: inv.dueOn ?? '',
    summary,
    payment: s.paymentDetails,
    from: sellerName(s, orgName),
    overdue,
  };
}

export function issuedMail(inv: InvoiceView, s: BillingSettingsRecord, orgName: string) {
  const w = wordsFor(inv.contactLanguage);
  return {
    subject: w.issuedSubject(inv.number ?? '', sellerName(s, orgName)),
    text: w.issuedText(mailParams(inv, s, orgName, false)),
  };
}

export function reminderMail(inv: InvoiceView, s: BillingSettingsRecord, orgName: string, overdue: boolean) {
  const w = wordsFor(inv.contactLanguage);
  return {
    subject: w.reminderSubject(inv.number ?? '', overdue),
    text: w.reminderText(mailParams(inv, s, orgName, overdue)),
  };
}
