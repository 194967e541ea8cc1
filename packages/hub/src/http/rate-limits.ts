import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { ServiceError } from '../services/service-error.ts';

/** One limit: at most `max` requests per `windowMs` for each key (a request without a key is not counted). */
export interface Limit {
  name: string;
  max: number;
  windowMs: number;
  key: (request: FastifyRequest) => string | undefined;
}

/** Builds a route's preHandler that counts the request against each limit and refuses it with RATE_LIMITED (429, Retry-After) once one is exceeded. */
export type Limiter = (what: string, limits: Limit[]) => preHandlerAsyncHookHandler;

const minute = 60_000;

/** Who a refused request counted against, by the name of the limit, as the message says it. */
const counted: Record<string, string> = {
  address: 'this address',
  account: 'this account',
  invitee: 'for this person',
  actor: 'you',
};

/** Keys: the caller's address, the person or token acting, a typed login or email. */
export const keys = {
  address: (request: FastifyRequest): string => request.ip,
  actor: (request: FastifyRequest): string | undefined =>
    request.auth?.actor.userId ?? request.auth?.actor.token?.id,
  bodyField:
    (field: string) =>
    (request: FastifyRequest): string | undefined => {
      const value = (request.body as Record<string, unknown> | undefined)?.[field];
      return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    },
  param:
    (name: string) =>
    (request: FastifyRequest): string | undefined =>
      (request.params as Record<string, string | undefined>)[name],
};

/**
 * The limits of the routes that send mail or texts, check passwords, or take one-time links. They
 * are counted per hub process, in memory (several hubs each count their own); the lockout of
 * accounts after failed sign-ins is kept in the database and shared (see docs/security.md).
 */
export const limits = {
  // Per address only: a limit per account would let a stranger shut a real user out. Accounts are
  // protected by the lockout kept in the database, which spares the addresses a user signed in from.
  signIn: [{ name: 'address', max: 60, windowMs: minute, key: keys.address }],
  // Each reset link stays valid for its hour, so a stranger using up an account's quota only fills
  // its owner's mailbox with links that work.
  forgotPassword: [
    { name: 'address', max: 10, windowMs: 15 * minute, key: keys.address },
    { name: 'account', max: 5, windowMs: 60 * minute, key: keys.bodyField('email') },
  ],
  oneTimeLink: [{ name: 'address', max: 30, windowMs: 15 * minute, key: keys.address }],
  // Each sign-up creates an organization and mails an invitation.
  trialSignup: [
    { name: 'address', max: 5, windowMs: 60 * minute, key: keys.address },
    { name: 'account', max: 3, windowMs: 24 * 60 * minute, key: keys.bodyField('email') },
  ],
  invitations: [
    { name: 'actor', max: 30, windowMs: 10 * minute, key: keys.actor },
    { name: 'address', max: 120, windowMs: 10 * minute, key: keys.address },
  ],
  resendInvitation: [
    { name: 'actor', max: 30, windowMs: 10 * minute, key: keys.actor },
    { name: 'invitee', max: 5, windowMs: 60 * minute, key: keys.param('userId') },
  ],
  smsCode: [
    { name: 'actor', max: 10, windowMs: 60 * minute, key: keys.actor },
    { name: 'address', max: 60, windowMs: 60 * minute, key: keys.address },
  ],
  smsVerify: [{ name: 'actor', max: 20, windowMs: 10 * minute, key: keys.actor }],
  // Each waiting sign-in also ends after five wrong codes (kept in the database).
  secondFactor: [{ name: 'address', max: 30, windowMs: 10 * minute, key: keys.address }],
  twoFactorCode: [{ name: 'actor', max: 20, windowMs: 10 * minute, key: keys.actor }],
  // Each test reaches the organization's directory; a user test with a password is a guess at it
  // that the sign-in lockout does not see.
  directoryTest: [{ name: 'actor', max: 30, windowMs: 10 * minute, key: keys.actor }],
} satisfies Record<string, Limit[]>;

/** Registers @fastify/rate-limit (no global limit) and returns the limiter that routes use. */
export async function registerRateLimits(app: FastifyInstance): Promise<Limiter> {
  await app.register(rateLimit, { global: false });
  return (what, list) => {
    const checks = list.map((limit) => ({
      limit,
      check: app.createRateLimit({
        max: limit.max,
        timeWindow: limit.windowMs,
        keyGenerator: (request) => `${what}|${limit.name}|${limit.key(request) ?? ''}`,
      }),
    }));
    return async (request: FastifyRequest, reply: FastifyReply) => {
      for (const { limit, check } of checks) {
        if (limit.key(request) === undefined) continue;
        const state = await check(request);
        if (state.isAllowed || !state.isExceeded) continue;
        void reply.header('retry-after', String(state.ttlInSeconds));
        throw new ServiceError(
          'RATE_LIMITED',
          `Too many ${what} requests ${limit.name === 'invitee' ? '' : 'from '}${counted[limit.name] ?? 'you'}; try again in ${String(state.ttlInSeconds)} s.`,
          429,
        );
      }
    };
  };
}
