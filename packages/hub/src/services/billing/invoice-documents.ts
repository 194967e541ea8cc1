import type { InvoiceLanguage } from '@crosspoint/protocol';
import type { BillingSettingsRecord, InvoiceView } from '../../repositories/billing.repository.ts';
import type { InvoicePdfModel } from '../../adapters/invoice-pdf.ts';
import { decimal, quantityText } from './invoice-rule.ts';

interface WordsOf {
  invoice: string;
  draft: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  period: string;
  reference: string;
  account: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  subtotal: string;
  tax: (rate: string) => string;
  total: string;
  taxId: string;
  proAudio: (month: string) => string;
  video: (month: string) => string;
  minimum: string;
  issuedSubject: (n: string, from: string) => string;
  issuedText: (p: MailParams) => string;
  reminderSubject: (n: string, overdue: boolean) => string;
  reminderText: (p: MailParams) => string;
}

/** The words of invoices, their CSV and their mails, per language (the billing contact's). */
const words: Record<InvoiceLanguage, WordsOf> = {
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
  es: {
    invoice: 'Factura',
    draft: 'Borrador de factura',
    number: 'Número de factura',
    issuedOn: 'Fecha',
    dueOn: 'Vencimiento',
    period: 'Periodo',
    reference: 'Su referencia',
    account: 'Cuenta',
    description: 'Concepto',
    quantity: 'Cantidad',
    unitPrice: 'Precio unitario',
    amount: 'Importe',
    subtotal: 'Subtotal',
    tax: (rate: string) => `IVA ${rate} %`,
    total: 'Total',
    taxId: 'NIF/CIF',
    proAudio: (month: string) => `Dispositivos Pro Audio, media mensual (${month})`,
    video: (month: string) => `Dispositivos de vídeo, media mensual (${month})`,
    minimum: 'Importe mínimo',
    issuedSubject: (n: string, from: string) => `Factura ${n} de ${from}`,
    issuedText: (p: MailParams) =>
      `Hola, ${p.name}:\n\na continuación encontrará la factura ${p.number} correspondiente a ${p.period}.\nTotal: ${p.total}, vencimiento el ${p.dueOn}.\n\n${p.summary}\n\n${p.payment}\n\nUn saludo,\n${p.from}`,
    reminderSubject: (n: string, overdue: boolean) =>
      overdue ? `Vencida: factura ${n}` : `Recordatorio de pago: factura ${n}`,
    reminderText: (p: MailParams) =>
      `Hola, ${p.name}:\n\nle recordamos que la factura ${p.number} (${p.total}) ${p.overdue ? `venció el ${p.dueOn} y aún no está pagada` : `vence el ${p.dueOn}`}.\nSi ya la ha pagado, ignore este mensaje.\n\n${p.payment}\n\nUn saludo,\n${p.from}`,
  },
  it: {
    invoice: 'Fattura',
    draft: 'Bozza di fattura',
    number: 'Numero fattura',
    issuedOn: 'Data',
    dueOn: 'Scadenza',
    period: 'Periodo',
    reference: 'Vostro riferimento',
    account: 'Conto cliente',
    description: 'Descrizione',
    quantity: 'Quantità',
    unitPrice: 'Prezzo unitario',
    amount: 'Importo',
    subtotal: 'Imponibile',
    tax: (rate: string) => `IVA ${rate} %`,
    total: 'Totale',
    taxId: 'Partita IVA',
    proAudio: (month: string) => `Dispositivi Pro Audio, media mensile (${month})`,
    video: (month: string) => `Dispositivi video, media mensile (${month})`,
    minimum: 'Importo minimo',
    issuedSubject: (n: string, from: string) => `Fattura ${n} da ${from}`,
    issuedText: (p: MailParams) =>
      `Gentile ${p.name},\n\ndi seguito la fattura ${p.number} relativa a ${p.period}.\nTotale: ${p.total}, in scadenza il ${p.dueOn}.\n\n${p.summary}\n\n${p.payment}\n\nCordiali saluti,\n${p.from}`,
    reminderSubject: (n: string, overdue: boolean) =>
      overdue ? `Scaduta: fattura ${n}` : `Promemoria di pagamento: fattura ${n}`,
    reminderText: (p: MailParams) =>
      `Gentile ${p.name},\n\nle ricordiamo che la fattura ${p.number} (${p.total}) ${p.overdue ? `è scaduta il ${p.dueOn} e non risulta ancora pagata` : `scade il ${p.dueOn}`}.\nSe l’ha già pagata, non tenga conto di questo messaggio.\n\n${p.payment}\n\nCordiali saluti,\n${p.from}`,
  },
  pt: {
    invoice: 'Fatura',
    draft: 'Rascunho de fatura',
    number: 'Número da fatura',
    issuedOn: 'Data',
    dueOn: 'Vencimento',
    period: 'Período',
    reference: 'Sua referência',
    account: 'Conta',
    description: 'Descrição',
    quantity: 'Quantidade',
    unitPrice: 'Preço unitário',
    amount: 'Valor',
    subtotal: 'Subtotal',
    tax: (rate: string) => `Imposto ${rate} %`,
    total: 'Total',
    taxId: 'N.º de contribuinte',
    proAudio: (month: string) => `Dispositivos Pro Audio, média mensal (${month})`,
    video: (month: string) => `Dispositivos de vídeo, média mensal (${month})`,
    minimum: 'Valor mínimo',
    issuedSubject: (n: string, from: string) => `Fatura ${n} de ${from}`,
    issuedText: (p: MailParams) =>
      `Olá, ${p.name},\n\nsegue abaixo a fatura ${p.number} referente a ${p.period}.\nTotal: ${p.total}, com vencimento em ${p.dueOn}.\n\n${p.summary}\n\n${p.payment}\n\nAtenciosamente,\n${p.from}`,
    reminderSubject: (n: string, overdue: boolean) =>
      overdue ? `Vencida: fatura ${n}` : `Lembrete de pagamento: fatura ${n}`,
    reminderText: (p: MailParams) =>
      `Olá, ${p.name},\n\nlembramos que a fatura ${p.number} (${p.total}) ${p.overdue ? `venceu em ${p.dueOn} e ainda não foi paga` : `vence em ${p.dueOn}`}.\nSe já a pagou, desconsidere esta mensagem.\n\n${p.payment}\n\nAtenciosamente,\n${p.from}`,
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

export type Words = WordsOf;
/**
 * The billing contact's language, or English. Invoices are in the languages pdfkit's built-in
 * Helvetica can write (Western European letters): Polish, Cyrillic, CJK and Arabic need embedded
 * fonts, which the hub does not ship yet, so those contacts get English.
 */
export const wordsFor = (language: string | null | undefined): Words =>
  language !== null && language !== undefined && Object.hasOwn(words, language)
    ? words[language as keyof typeof words]
    : words.en;

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
