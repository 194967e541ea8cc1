import type { Permission, Role } from '@crosspoint/protocol';
import { can } from '@crosspoint/protocol';
import type { OrgRecord } from '../repositories/organization.repository.ts';
import { ServiceError } from './service-error.ts';

/** Who is acting: a signed-in user, an API token, or the operator's CLI. */
export interface Actor {
  userId: string | null;
  /** What the audit log shows, e.g. "jane@acme.example" or "token:ci-sync". */
  label: string;
  ip: string | null;
  /**
   * Set when the actor is an API token: its org is the only one it reaches, with its role; the person
   * who created it (null: the operator's CLI) and its expiry bound the tokens it may create.
   */
  token?: { id: string; orgId: string; role: Role; createdBy?: string | null; expiresAt?: Date | null };
}

/** An actor acting in one organization, with the role that applies there. */
export interface OrgContext {
  actor: Actor;
  org: OrgRecord;
  role: Role;
}

export const cliActor: Actor = { userId: null, label: 'operator (crosspoint admin)', ip: null };

export function requirePermission(ctx: OrgContext, permission: Permission): void {
  if (!can(ctx.role, permission)) {
    throw ServiceError.forbidden(`As ${ctx.role} of ${ctx.org.name} you may not do this (${permission}).`);
  }
}

/** Server clock, injectable so tests can move time (lockouts, expiry). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Calendar date (UTC) as YYYY-MM-DD. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
