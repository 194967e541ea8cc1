import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { SimError, SimErrorCode } from '../errors.ts';
import { garbageKinds } from '../net/garbage.ts';

/** Every fault of devices.md §5.7, with the parameters each accepts (all optional). */
const Token = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const none = Type.Object({}, { additionalProperties: false });
const closed = { additionalProperties: false } as const;

export const faultParams = {
  down: none,
  hang: none,
  flap: Type.Object({ periodMs: Type.Optional(Type.Integer({ minimum: 20, maximum: 600_000 })) }, closed),
  bad_credentials: Type.Object(
    {
      username: Type.Optional(Token),
      password: Type.Optional(Token),
      /** Keep logged-in sessions (by default they are dropped so the next login shows the failure). */
      keepSessions: Type.Optional(Type.Boolean()),
    },
    closed,
  ),
  overheat: Type.Object({ celsius: Type.Optional(Type.Number({ minimum: -20, maximum: 200 })) }, closed),
  voip_reg_fail: Type.Object(
    {
      line: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
      reason: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[ -~]+$' })),
    },
    closed,
  ),
  voip_pending: none,
  stack_incomplete: Type.Object({ member: Type.Optional(Token) }, closed),
  stack_mismatch: Type.Object({ member: Type.Optional(Token), stackName: Type.Optional(Token) }, closed),
  safety_mute: none,
  locate: none,
  slow: Type.Object(
    {
      delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
      jitterMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
    },
    closed,
  ),
  garbage: Type.Object(
    {
      rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      kinds: Type.Optional(
        Type.Array(Type.Enum(garbageKinds), { minItems: 1, maxItems: garbageKinds.length }),
      ),
    },
    closed,
  ),
  half_line: Type.Object(
    {
      pieces: Type.Optional(Type.Integer({ minimum: 2, maximum: 64 })),
      gapMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    },
    closed,
  ),
  video_down: none,
  cs_fail: none,
  /**
   * The box refuses the next firmware images it is given: it writes one, its check fails, and it
   * restarts on the image it had (a CP2 keeps the previous image [G]) — the update ends on the old version.
   */
  firmware_reject: none,
} as const satisfies Record<string, TSchema>;

export type FaultName = keyof typeof faultParams;
export type FaultParamsOf<F extends FaultName> = Static<(typeof faultParams)[F]>;
export type AnyFaultParams = { [F in FaultName]: FaultParamsOf<F> }[FaultName];
export const faultNames = Object.keys(faultParams) as FaultName[];

export const isFaultName = (name: string): name is FaultName => Object.hasOwn(faultParams, name);

/** Checks a fault name and its parameters; throws SimError with a stable code on bad input. */
export function checkFault(name: string, params: unknown = {}): { name: FaultName; params: AnyFaultParams } {
  if (!isFaultName(name))
    throw new SimError(SimErrorCode.UnknownFault, `unknown fault "${name}"; known: ${faultNames.join(', ')}`);
  const schema = faultParams[name];
  const value = params ?? {};
  const problems = Value.Errors(schema, value).map((e) => ({
    path: e.instancePath || '/',
    message: e.message,
  }));
  if (problems.length)
    throw new SimError(SimErrorCode.BadFaultParams, `bad parameters for fault ${name}`, problems);
  return { name, params: value };
}

export const notApplicable = (fault: string, what: string): SimError =>
  new SimError(SimErrorCode.FaultNotApplicable, `fault ${fault} does not apply to ${what}`);
