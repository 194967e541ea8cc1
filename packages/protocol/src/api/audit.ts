import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, OrgRef, Page, Uuid, listQueryFields, organizationIdFilter } from './common.ts';

export const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    organization: Type.Union([OrgRef, Type.Null()], {
      description: 'Where it happened: in a support organization’s roll-up, often a client.',
    }),
    at: IsoDateTime,
    actor: Type.String(),
    actorUserId: Type.Union([Uuid, Type.Null()]),
    action: Type.String({ description: 'Stable action name, e.g. users.invite, servers.create.' }),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Record(Type.String(), Type.Unknown()),
    ip: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditPage = Page(AuditEntry, 'AuditPage');
export type AuditPage = Static<typeof AuditPage>;

export const AuditListQuery = Type.Object(
  {
    ...listQueryFields,
    action: Type.Optional(
      Text({ maxLength: 64, description: 'Exact action or a prefix ending in ".", e.g. "users."' }),
    ),
    actorUserId: Type.Optional(Uuid),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    ...organizationIdFilter,
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;
