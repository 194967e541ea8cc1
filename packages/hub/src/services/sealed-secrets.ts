import { isSealed, type Sealer } from '../adapters/sealer.ts';

/**
 * What each kind of secret the hub reads back is sealed against: a sealed value copied to another
 * organization (or used as another kind) does not open.
 */
export const smtpSealContext = (orgId: string) => `org-smtp:${orgId}`;
export const webhookSealContext = (orgId: string) => `webhook:${orgId}`;
export const ldapSealContext = (orgId: string) => `ldap:${orgId}`;

/** A webhook's signing secret as stored (sealed, or plain from before sealing) → the secret. */
export function openWebhookSecret(sealer: Sealer, orgId: string, stored: string): string {
  return isSealed(stored) ? sealer.open(stored, webhookSealContext(orgId)) : stored;
}
