import { Type, type Static, type TSchema } from 'typebox';
import { MultilineText, Text } from '../text.ts';

export const Uuid = Type.String({ format: 'uuid' });

/** The organization a row belongs to: in a support organization's roll-up, often a client's. */
export const OrgRef = Type.Object({ id: Uuid, name: Type.String() }, { $id: 'OrgRef' });
export type OrgRef = Static<typeof OrgRef>;

/** A roll-up list's filter to one of its organizations (another organization's id matches nothing). */
export const organizationIdFilter = {
  organizationId: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'In a support organization’s roll-up: one organization’s rows only (its own or one client’s).',
    }),
  ),
};
export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Calendar date, YYYY-MM-DD.',
});
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Email = Type.String({ format: 'email', maxLength: 254 });

/** Query of every list endpoint: free-text search, sort, order and an opaque cursor. */
export const listQueryFields = {
  search: Type.Optional(
    MultilineText({
      maxLength: 200,
      description: 'Case-insensitive text search; a line break or tab counts as a space.',
    }),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
  cursor: Type.Optional(Text({ maxLength: 500, description: 'From the previous page’s nextCursor.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

/** A page of a list: the items, the total matching the filters, and the cursor of the next page. */
export const Page = <T extends TSchema>(item: T, id: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ description: 'Items matching the search and filters, across all pages.' }),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
    },
    { $id: id },
  );

export const IdParams = Type.Object({ orgId: Uuid });
export type IdParams = Static<typeof IdParams>;

export const Ok = Type.Object({ ok: Type.Literal(true) }, { $id: 'Ok' });

export const OutboxMail = Type.Object({
  id: Type.Integer(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  kind: Type.String(),
  status: Type.Enum(['queued', 'sent', 'failed', 'kept'] as const),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTime,
  sentAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type OutboxMail = Static<typeof OutboxMail>;
export const OutboxList = Type.Object({ items: Type.Array(OutboxMail) }, { $id: 'OutboxList' });
export const OutboxQuery = Type.Object(
  {
    to: Type.Optional(
      Text({
        minLength: 3,
        maxLength: 254,
        description: 'An email address, or a phone number (+E.164) for SMS kept without a provider.',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
