import { Type, type Static } from 'typebox';
import { Email, IsoDate, IsoDateTime, Uuid } from './common.ts';
import { MultilineText, Text } from '../text.ts';
import { UsageMonth } from './usage.ts';

/** Billing (docs/billing.md): a support organization's price list, its invoices to its clients, and payment reminders. */

const Minor = (description: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description });

export const InvoiceState = Type.Union(
  [
    Type.Literal('draft'),
    Type.Literal('issued'),
    Type.Literal('overdue'),
    Type.Literal('paid'),
    Type.Literal('void'),
  ],
  { $id: 'InvoiceState' },
);
export type InvoiceState = Static<typeof InvoiceState>;
export const invoiceStates: InvoiceState[] = ['draft', 'issued', 'overdue', 'paid', 'void'];

export const BillingSettings = Type.Object(
  {
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR.' }),
    pricePeriod: Type.Union([Type.Literal('month'), Type.Literal('year')], {
      description: 'Whether the device prices are per month or per year (a year’s price bills 1/12 a month).',
    }),
    proAudioPrice: Minor('Price of one Pro Audio device per period, in minor units (cents).'),
    videoPrice: Minor('Price of one Video device per period, in minor units.'),
    minimum: Minor('Smallest invoice subtotal, in minor units (0: none).'),
    taxRateBp: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description: 'Tax rate in basis points: 1900 is 19 %.',
    }),
    paymentTermsDays: Type.Integer({ minimum: 0, maximum: 365 }),
    legalName: Text({ maxLength: 200 }),
    address: MultilineText({ maxLength: 1000 }),
    taxId: Text({ maxLength: 100 }),
    paymentDetails: MultilineText({ maxLength: 1000, description: 'Bank account or payment instructions.' }),
    numberPrefix: Text({ maxLength: 20, description: 'Invoice numbers are this prefix and the sequence.' }),
    nextNumber: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }),
    reminderDays: Type.Array(Type.Integer({ minimum: -60, maximum: 365 }), {
      maxItems: 10,
      description: 'Days relative to the due date a reminder goes out: -7 before, 0 on, 7 after.',
    }),
    autoDraft: Type.Optional(
      Type.Boolean({
        description:
          "Draft each client's invoice for a month on the 2nd of the next month, for a person to review and issue (default true; left out: unchanged).",
      }),
    ),
  },
  { $id: 'BillingSettings', additionalProperties: false },
);
export type BillingSettings = Static<typeof BillingSettings>;

/** The languages invoices are written in (pdfkit's built-in Helvetica has Western European letters only). */
export const invoiceLanguages = ['en', 'de', 'fr', 'es', 'it', 'pt'] as const;
export type InvoiceLanguage = (typeof invoiceLanguages)[number];

export const BillingContact = Type.Object(
  {
    name: Text({ maxLength: 200 }),
    email: Email,
    language: Type.Enum(invoiceLanguages, {
      description:
        'The language of its invoices and reminders: those the invoice PDF can write (Western European letters).',
    }),
  },
  { $id: 'BillingContact', additionalProperties: false },
);
export type BillingContact = Static<typeof BillingContact>;

export const BillingContactAnswer = Type.Object({ contact: Type.Union([BillingContact, Type.Null()]) });
export type BillingContactAnswer = Static<typeof BillingContactAnswer>;

export const ClientBillingParams = Type.Object({ orgId: Uuid, clientId: Uuid });

export const InvoiceLineKind = Type.Union([
  Type.Literal('pro-audio'),
  Type.Literal('video'),
  Type.Literal('custom'),
  Type.Literal('minimum'),
]);

export const InvoiceLine = Type.Object(
  {
    kind: InvoiceLineKind,
    description: Text({ maxLength: 300 }),
    quantity: Type.Number({ minimum: 0, maximum: 10_000_000, description: 'Up to 2 decimals.' }),
    unitPrice: Type.Integer({ description: 'Minor units per unit.' }),
    amount: Type.Integer({ description: 'Minor units: quantity × unit price, rounded half up.' }),
  },
  { $id: 'InvoiceLine' },
);
export type InvoiceLine = Static<typeof InvoiceLine>;

export const InvoiceEvent = Type.Object({
  at: IsoDateTime,
  kind: Type.String({
    description: 'drafted, edited, issued, emailed, paid, overdue, voided, reminder, webhook, mail_skipped',
  }),
  actor: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type InvoiceEvent = Static<typeof InvoiceEvent>;

export const Invoice = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    client: Type.Object({
      id: Uuid,
      name: Type.String(),
      accountNumber: Type.Union([Type.String(), Type.Null()]),
      reference: Type.Union([Type.String(), Type.Null()]),
    }),
    period: Type.String({ description: 'The month billed, YYYY-MM.' }),
    state: InvoiceState,
    number: Type.Union([Type.String(), Type.Null()], { description: 'Given when issued; none while draft.' }),
    currency: Type.String(),
    taxRateBp: Type.Integer(),
    lines: Type.Array(InvoiceLine),
    notes: Type.String(),
    subtotal: Type.Integer(),
    tax: Type.Integer(),
    total: Type.Integer(),
    issuedOn: Type.Union([IsoDate, Type.Null()]),
    dueOn: Type.Union([IsoDate, Type.Null()]),
    paidAt: Type.Union([IsoDateTime, Type.Null()]),
    contactEmail: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
  },
  { $id: 'Invoice' },
);
export type Invoice = Static<typeof Invoice>;

export const InvoiceDetail = Type.Object({ invoice: Invoice, history: Type.Array(InvoiceEvent) });
export type InvoiceDetail = Static<typeof InvoiceDetail>;

export const InvoiceParams = Type.Object({ orgId: Uuid, invoiceId: Uuid });

export const InvoiceListQuery = Type.Object(
  {
    state: Type.Optional(InvoiceState),
    clientId: Type.Optional(Uuid),
    period: Type.Optional(UsageMonth),
    search: Type.Optional(Text({ maxLength: 200, description: 'Number, client name or reference.' })),
  },
  { additionalProperties: false },
);
export type InvoiceListQuery = Static<typeof InvoiceListQuery>;

export const InvoiceList = Type.Object({
  items: Type.Array(Invoice, {
    description: 'The matching invoices, newest period first: at most 2,000 (narrow the filters for more).',
  }),
  totals: Type.Object({
    count: Type.Integer({ description: 'Every matching invoice, also those past the listed ones.' }),
    total: Type.Integer({ description: 'Sum of the listed invoices’ totals, minor units (void left out).' }),
    outstanding: Type.Integer({ description: 'Sum of the issued and overdue ones.' }),
  }),
});
export type InvoiceList = Static<typeof InvoiceList>;

export const DraftInvoicesRequest = Type.Object(
  {
    month: UsageMonth,
    clientIds: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 500,
        description: 'Only these clients (the screen drafts one at a time).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DraftInvoicesRequest = Static<typeof DraftInvoicesRequest>;

export const DraftInvoicesAnswer = Type.Object({
  created: Type.Array(Invoice),
  skipped: Type.Array(
    Type.Object({
      clientId: Uuid,
      reason: Type.Union([Type.Literal('exists'), Type.Literal('nothing-to-bill')]),
    }),
  ),
});
export type DraftInvoicesAnswer = Static<typeof DraftInvoicesAnswer>;

export const InvoiceChanges = Type.Object(
  {
    lines: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Union([Type.Literal('pro-audio'), Type.Literal('video'), Type.Literal('custom')]),
            description: Text({ minLength: 1, maxLength: 300 }),
            quantity: Type.Number({ minimum: 0, maximum: 10_000_000, description: 'Up to 2 decimals.' }),
            unitPrice: Minor('Minor units per unit.'),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    notes: Type.Optional(MultilineText({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type InvoiceChanges = Static<typeof InvoiceChanges>;

export const MarkPaidRequest = Type.Object(
  { paidAt: Type.Optional(IsoDateTime) },
  { additionalProperties: false },
);
export type MarkPaidRequest = Static<typeof MarkPaidRequest>;

/** What each client owes: its issued and overdue invoices summed per currency (all of them). */
export const AmountsDue = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        clientId: Uuid,
        currency: Type.String(),
        amount: Type.Integer({ description: 'Minor units.' }),
        overdue: Type.Integer({ description: 'Of which overdue, minor units.' }),
        invoices: Type.Integer(),
      }),
    ),
  },
  { $id: 'AmountsDue' },
);
export type AmountsDue = Static<typeof AmountsDue>;
