import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';

// Each user's choice of alert channels per organization.

export const AlertPreference = Type.Object(
  {
    orgId: Uuid,
    orgName: Type.String(),
    email: Type.Boolean(),
    sms: Type.Boolean(),
    mutedRuleIds: Type.Array(Uuid, { description: 'Rules whose alerts this user does not want.' }),
    custom: Type.Boolean({
      description: 'false: the defaults (email on for direct members, off through a support organization).',
    }),
  },
  { $id: 'AlertPreference' },
);
export type AlertPreference = Static<typeof AlertPreference>;
export const AlertPreferences = Type.Object(
  {
    smsNumber: Type.Union([Type.String(), Type.Null()], {
      description: 'The verified number SMS alerts go to; null when none is verified.',
    }),
    items: Type.Array(AlertPreference),
  },
  { $id: 'AlertPreferences' },
);
export type AlertPreferences = Static<typeof AlertPreferences>;
export const UpdateAlertPreferenceRequest = Type.Object(
  {
    email: Type.Optional(Type.Boolean()),
    sms: Type.Optional(
      Type.Boolean({
        description:
          'Needs a verified SMS number (PUT /api/v1/me/sms-number, then POST /api/v1/me/sms-number/verify).',
      }),
    ),
    mutedRuleIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  },
  { $id: 'UpdateAlertPreferenceRequest', additionalProperties: false },
);
export type UpdateAlertPreferenceRequest = Static<typeof UpdateAlertPreferenceRequest>;
