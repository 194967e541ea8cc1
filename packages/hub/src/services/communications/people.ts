import type { OrgContext } from '../context.ts';
import { ServiceError } from '../service-error.ts';

/**
 * The person acting: a signed-in person, or the person who created the API token. Conversations
 * are between people; the operator's CLI has none.
 */
export function personOf(ctx: OrgContext): string {
  const id = ctx.actor.userId ?? ctx.actor.token?.createdBy ?? null;
  if (!id)
    throw ServiceError.forbidden(
      'Conversations and calls are for people: sign in, or use a token a person created.',
    );
  return id;
}

/** A person's name as others see it: first and last name, or the email address. */
export const displayName = (p: { firstName: string; lastName: string; email: string }): string =>
  [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email;
