// Hostile input on every route the OpenAPI document lists, so a new route is covered the day it
// exists: bodies derived from each route's schema (NUL, unpaired surrogates, huge strings, deep JSON,
// wrong types, empty, wrong content type) and hostile query and path values. Every answer is a 4xx
// in the one error shape: never a 500, whatever comes in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from '../test/hub-under-test.ts';
import { buildTenancy, type Tenancy } from '../test/tenancy-fixture.ts';
import type { ApiClient } from '../test/api-client.ts';
import { textRuleMessage } from '@crosspoint/protocol';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
}
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Hostile {
  what: string;
  payload: string | Buffer;
  contentType: string;
  /** The one answer this must get; otherwise any 4xx. */
  expect?: { status: number; code: string };
}

const uuid = '00000000-0000-4000-8000-000000000000';
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const patternSamples = [
  'x',
  'Room 1',
  '02:00',
  '+18015550100',
  '123456',
  '2026-01-01',
  'https://example.test/hook',
  'a@example.test',
  'host.example.test',
  'A1',
];

/** A value the schema accepts, as far as a simple reading of it can tell: hostile variants change one part of it. */
function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return sample(alternatives.find((a) => a.type !== 'null') ?? alternatives[0] ?? {});
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items ?? {}));
    case 'string': {
      if (s.format === 'uuid') return uuid;
      if (s.format === 'email') return 'hostile@example.test';
      if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      const min = s.minLength ?? 0;
      const fits = (v: string) => v.length >= min && (!s.pattern || new RegExp(s.pattern, 'u').test(v));
      return patternSamples.map((p) => p.padEnd(min, 'x')).find(fits) ?? 'x'.repeat(Math.max(1, min));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
    case undefined:
      return null;
    default:
      return null;
  }
}

/** JSON paths of every string in `value` whose schema says string (the places typed text goes). */
function stringPaths(value: unknown, s: Schema, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string' && s.format !== 'uuid' && !s.enum && s.const === undefined) return [path];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return stringPaths(value, alternatives.find((a) => a.type !== 'null') ?? {}, path);
  if (Array.isArray(value)) return value.length ? stringPaths(value[0], s.items ?? {}, [...path, 0]) : [];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, s.properties?.[k] ?? {}, [...path, k]));
  }
  return [];
}

function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(base) ? [...(base as unknown[])] : { ...(base as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

/** Something of the wrong type for `s` that no coercion turns into the right one; undefined when anything goes. */
function wrongFor(s: Schema): unknown {
  const alternatives = s.anyOf ?? s.oneOf;
  const types: unknown[] = alternatives ? alternatives.map((a) => a.type) : [s.type];
  if (types.some((t) => t === undefined)) return undefined;
  return types.includes('object') ? 'not an object' : { wrong: { type: true } };
}

/** The hostile bodies of one route: from its JSON schema when it has one, the generic ones always. */
function hostileBodies(schema: Schema | undefined): Hostile[] {
  const json = (what: string, value: unknown): Hostile => ({
    what,
    payload: JSON.stringify(value),
    contentType: 'application/json',
  });
  const out: Hostile[] = [
    {
      what: '10,000-deep object',
      payload: deep(10_000),
      contentType: 'application/json',
      expect: { status: 400, code: 'BODY_TOO_DEEP' },
    },
    {
      what: '10,000-deep array',
      payload: deepArray(10_000),
      contentType: 'application/json',
      expect: { status: 400, code: 'BODY_TOO_DEEP' },
    },
    {
      what: '1 MiB string',
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }),
      contentType: 'application/json',
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    },
    json('NUL in a key and a value', { 'na\u0000me': 'x\u0000y' }),
    json('unpaired surrogate', { name: 'x\ud800y' }),
  ];
  if (!schema) return out;
  const base = sample(schema);
  out.push(
    {
      what: 'empty body',
      payload: '',
      contentType: 'application/json',
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      what: 'not JSON',
      payload: '{"name":',
      contentType: 'application/json',
      expect: { status: 400, code: 'BAD_REQUEST' },
    },
    {
      what: 'XML',
      payload: '<name>x</name>',
      contentType: 'application/xml',
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    },
    { what: 'text/plain', payload: JSON.stringify(base), contentType: 'text/plain' },
    ...[[], 'text', 42, null].map((v) => json(`body ${JSON.stringify(v)}`, v)),
  );
  for (const path of stringPaths(base, schema)) {
    const at = path.join('.');
    out.push(
      json(`NUL in ${at}`, withValue(base, path, 'Room\u0000 1')),
      json(`unpaired surrogate in ${at}`, withValue(base, path, 'Room \udc00 1')),
      json(`100,000 characters in ${at}`, withValue(base, path, 'x'.repeat(100_000))),
    );
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const wrong = wrongFor(property);
    if (wrong !== undefined) out.push(json(`wrong type for ${key}`, withValue(base, [key], wrong)));
    const deepInside = JSON.stringify(withValue(base, [key], '<deep>')).replace('"<deep>"', deep(10_000));
    out.push({
      what: `10,000-deep value in ${key}`,
      payload: deepInside,
      contentType: 'application/json',
      expect: { status: 400, code: 'BODY_TOO_DEEP' },
    });
  }
  return out;
}

const isErrorShape = (body: unknown): boolean => {
  const e = (body as { error?: Record<string, unknown> } | null)?.error;
  return (
    typeof e?.code === 'string' &&
    /^[A-Z_]+$/.test(e.code) &&
    typeof e.message === 'string' &&
    typeof e.requestId === 'string'
  );
};

describe('hostile input on every documented route', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let owner: ApiClient;
  let routes: { method: string; path: string; op: Operation }[];

  const fill = (path: string) => path.replace('{orgId}', t.support.id).replace(/\{\w+\}/g, uuid);
  const problems: string[] = [];
  const check = (
    label: string,
    res: { status: number; body: unknown },
    want?: { status: number; code: string },
  ) => {
    const ok = want
      ? res.status === want.status && (res.body as { error?: { code?: string } }).error?.code === want.code
      : res.status >= 400 && res.status < 500;
    if (!ok || !isErrorShape(res.body))
      problems.push(`${label}: ${String(res.status)} ${JSON.stringify(res.body).slice(0, 200)}`);
  };

  beforeAll(async () => {
    hub = await startHubForTest();
    t = await buildTenancy(hub, 'hostile');
    owner = t.support.owner;
    const doc = await owner.get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    routes = Object.entries(doc.body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(async () => {
    await hub.close();
  });

  it('finds the routes in the OpenAPI document', () => {
    expect(routes.filter((r) => r.method !== 'GET').length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.op.parameters?.some((p) => p.in === 'query')).length).toBeGreaterThan(8);
  });

  it('answers every hostile body on every mutating route with a 4xx in the one error shape', async () => {
    problems.length = 0;
    let sent = 0;
    for (const { method, path, op } of routes.filter((r) =>
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
    )) {
      const schema = op.requestBody?.content['application/json']?.schema;
      // A route that takes raw bytes (a file upload, with its own larger size limit) may refuse JSON for another reason first.
      const probe = await owner.request(method, fill(path), Buffer.from('x'), {
        'content-type': 'application/octet-stream',
      });
      const takesJson = probe.status === 415;
      for (const h of hostileBodies(schema)) {
        const res = await owner.request(method, fill(path), Buffer.from(h.payload), {
          'content-type': h.contentType,
        });
        check(`${method} ${path} (${h.what})`, res, takesJson ? h.expect : undefined);
        sent++;
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(500);
  });

  it('answers hostile query and path values with a 4xx in the one error shape', async () => {
    problems.length = 0;
    for (const { method, path, op } of routes) {
      if (method !== 'GET' || path.endsWith('/events')) continue;
      for (const q of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const [what, value] of [
          ['NUL', '%00'],
          ['NUL inside', 'Room%001'],
          ['10,000 characters', 'x'.repeat(10_000)],
          ['a control character', '%1B%5B31m'],
        ] as const) {
          check(`${method} ${path}?${q.name} (${what})`, await owner.get(`${fill(path)}?${q.name}=${value}`));
        }
        // Not text one can mean, but nothing to fail on either: never a 500, the one shape if refused.
        for (const value of ['%ED%A0%80', '%F0%9F', '%', '%zz']) {
          const res = await owner.get(`${fill(path)}?${q.name}=${value}`);
          if (res.status >= 400) check(`${method} ${path}?${q.name}=${value}`, res);
        }
      }
      for (const param of (op.parameters ?? []).filter((p) => p.in === 'path')) {
        const at = (value: string) => fill(path.replace(`{${param.name}}`, value));
        check(`${method} ${path} {${param.name}} NUL`, await owner.get(at('%00')));
        check(`${method} ${path} {${param.name}} bad escape`, await owner.get(at('%zz')));
        check(`${method} ${path} {${param.name}} 500 characters`, await owner.get(at('x'.repeat(500))));
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses control characters in typed text with a readable reason, and takes any other character, emoji included', async () => {
    const url = `/api/v1/orgs/${t.support.id}/locations`;
    const escape = await owner.post<{
      error: { code: string; details: { path: string; message: string }[] };
    }>(url, { name: 'Room\u001b[31m 1', kind: 'room' });
    expect(escape.status).toBe(400);
    expect(escape.body.error.code).toBe('VALIDATION_FAILED');
    expect(escape.body.error.details).toEqual([{ path: '/body/name', message: textRuleMessage }]);
    const search = await owner.get<{ error: { details: { path: string }[] } }>(
      `/api/v1/orgs/${t.support.id}/users?search=a%07b`,
    );
    expect(search.status).toBe(400);
    expect(search.body.error.details[0]?.path).toBe('/querystring/search');
    const fine = await owner.post<{ name: string }>(url, {
      name: 'Salle 🎤 Zürich – 東京 \u0301',
      kind: 'room',
    });
    expect(fine.status).toBe(201);
    expect(fine.body.name).toBe('Salle 🎤 Zürich – 東京 \u0301');
  });

  it('answers a URL too long for the router with 414 in the one error shape', async () => {
    const res = await owner.get(`/api/v1/orgs/${'x'.repeat(500)}`);
    expect(res.status).toBe(414);
    expect(res.body).toMatchObject({ error: { code: 'URI_TOO_LONG' } });
    expect(isErrorShape(res.body)).toBe(true);
    const bad = await owner.get('/api/v1/orgs/%zz');
    expect(bad.status).toBe(400);
    expect(isErrorShape(bad.body)).toBe(true);
  });
});
