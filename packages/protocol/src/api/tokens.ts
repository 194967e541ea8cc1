import { Type } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';

export const ApiToken = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    role: Type.Enum(['administrator', 'monitor'] as const),
    createdAt: IsoDateTime,
    expiresAt: Type.Union([IsoDateTime, Type.Null()]),
    lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { $id: 'ApiToken' },
);
export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) }, { $id: 'ApiTokenList' });
export const CreateApiTokenRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 64 }),
    role: Type.Enum(['administrator', 'monitor'] as const),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { $id: 'CreateApiTokenRequest', additionalProperties: false },
);
export const CreatedApiToken = Type.Object(
  {
    token: ApiToken,
    secret: Type.String({ description: 'Shown once: send as "Authorization: Bearer <secret>".' }),
  },
  { $id: 'CreatedApiToken' },
);
export const TokenParams = Type.Object({ orgId: Uuid, tokenId: Uuid });
