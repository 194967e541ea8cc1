import type { FastifyInstance } from 'fastify';
import { ErrorCode, cleanDeviceText, isUnstorableText, textRuleMessage } from '@crosspoint/protocol';
import { ServiceError } from '../services/service-error.ts';

/** Deepest nesting of a JSON body the hub reads; no request of the API comes near it. */
export const maxJsonDepth = 64;

/**
 * True when the JSON text nests (objects and arrays) deeper than `limit`: counted over the raw
 * text, outside strings, before parsing, so a 10,000-deep body costs one pass and no stack.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Where in `value` a key or string holds what no database stores (NUL, an unpaired surrogate), as a JSON pointer. */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isUnstorableText(value) ? path || '/' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}/${cleanDeviceText(key, 64)}`;
    if (isUnstorableText(key)) return at;
    const found = findUnstorableText(v, at);
    if (found) return found;
  }
  return undefined;
}

const unstorable = (where: string, at: string): ServiceError =>
  ServiceError.invalid(
    ErrorCode.ValidationFailed,
    `The request is invalid: /${where}${at} ${textRuleMessage}.`,
    [{ path: `/${where}${at}`, message: textRuleMessage }],
  );

/**
 * Limits every route shares, whatever its schema says: JSON bodies nested at most `maxJsonDepth`
 * deep (400 BODY_TOO_DEEP), and no NUL nor unpaired surrogate in any string or key of a JSON body,
 * query or path (400 VALIDATION_FAILED) — PostgreSQL cannot store them, so no route may pass one
 * on. The size of a body is bounded by Fastify's `bodyLimit` (413 PAYLOAD_TOO_LARGE). The JSON
 * parser stays Fastify's own (prototype-poisoning checks included), behind the depth check.
 */
export function registerInputLimits(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonNestsDeeperThan(text, maxJsonDepth)) {
      done(
        ServiceError.invalid(
          ErrorCode.BodyTooDeep,
          `The JSON body is nested deeper than ${String(maxJsonDepth)} levels.`,
        ),
        undefined,
      );
      return;
    }
    void parseJson(request, text, (error, value: unknown) => {
      const at = error ? undefined : findUnstorableText(value);
      if (error) done(error, undefined);
      else if (at) done(unstorable('body', at), undefined);
      else done(null, value);
    });
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const inQuery = findUnstorableText(request.query);
    const inPath = inQuery ? undefined : findUnstorableText(request.params);
    done(inQuery ? unstorable('querystring', inQuery) : inPath ? unstorable('params', inPath) : undefined);
  });
}
