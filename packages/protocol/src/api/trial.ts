import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Email } from './common.ts';

/** Whether this hub takes self-service trial sign-ups, and on what terms (public). */
export const TrialOffer = Type.Object(
  {
    enabled: Type.Boolean(),
    days: Type.Integer({ description: 'How long a trial lasts.' }),
    maxDevices: Type.Integer({ description: 'The most Pro Audio devices a trial pool holds.' }),
  },
  { $id: 'TrialOffer' },
);
export type TrialOffer = Static<typeof TrialOffer>;

/** An AV integrator asks for a trial: a support organization, and an invitation to its first Owner. */
export const TrialSignupRequest = Type.Object(
  {
    expectedDevices: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      description:
        'Pro Audio devices the integrator expects to look after (the pool is capped by the offer).',
    }),
    firstName: Text({ minLength: 1, maxLength: 100 }),
    lastName: Text({ minLength: 1, maxLength: 100 }),
    company: Text({ minLength: 1, maxLength: 120 }),
    email: Type.String({
      ...Email,
      description: 'A work address: free email domains (Gmail, Yahoo, Outlook.com, …) are refused.',
    }),
    phone: Text({ minLength: 3, maxLength: 40 }),
    website: Type.Optional(Text({ maxLength: 200 })),
    country: Text({ minLength: 2, maxLength: 80 }),
    city: Type.Optional(Text({ maxLength: 100 })),
    language: Type.Optional(Text({ maxLength: 10 })),
    acceptPrivacy: Type.Literal(true, { description: 'The privacy policy was read and accepted.' }),
  },
  { $id: 'TrialSignupRequest', additionalProperties: false },
);
export type TrialSignupRequest = Static<typeof TrialSignupRequest>;
