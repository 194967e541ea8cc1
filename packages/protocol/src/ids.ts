/**
 * Branded primitive types. Passing a device id where an org id belongs, or seconds where
 * milliseconds belong, is a compile error rather than a production incident.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrgId = Brand<string, 'OrgId'>;
export type UserId = Brand<string, 'UserId'>;
export type AgentId = Brand<string, 'AgentId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type Milliseconds = Brand<number, 'Milliseconds'>;

export const ms = (value: number): Milliseconds => value as Milliseconds;
