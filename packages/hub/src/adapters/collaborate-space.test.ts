// The COLLABORATE Space adapter's own rules, against a small CS stand-in on loopback that answers
// what a broken or slow service would (the whole flow against the simulated CS is in
// packages/e2e/src/collaborate-space.test.ts).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollaborateSpaceClient, CsStepError } from './collaborate-space.ts';

let server: Server;
let base: string;
/** What the stand-in answers next, by path. */
const answers = new Map<string, { status: number; body: string; delayMs?: number }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const a = answers.get(req.url ?? '') ?? {
      status: 404,
      body: '{"error":{"code":"NOT_FOUND","message":"no"}}',
    };
    setTimeout(() => {
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(a.body);
    }, a.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const cs = createCollaborateSpaceClient({ timeoutMs: 300 });
const stepOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof CsStepError) return e.step;
    throw e;
  }
  return 'none';
};

describe('the COLLABORATE Space adapter', () => {
  it('takes https addresses, and plain http on loopback only', () => {
    expect(cs.checkBaseUrl('https://cs.example.com/')).toBe('https://cs.example.com');
    expect(cs.checkBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(cs.checkBaseUrl('http://localhost:8080/cs/')).toBe('http://localhost:8080/cs');
    for (const bad of [
      'http://cs.example.com',
      'ftp://127.0.0.1',
      'not a url',
      'https://u:p@cs.example.com',
      'https://cs.example.com/?a=1',
    ])
      expect(() => cs.checkBaseUrl(bad), bad).toThrow(CsStepError);
  });

  it('builds an authorization request with PKCE S256 and the state', async () => {
    const secrets = cs.newSecrets();
    const url = await cs.authorizationUrl(base, { ...secrets, redirectUri: 'https://hub.example/cb' });
    expect(url.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'crosspoint',
      state: secrets.state,
      code_challenge_method: 'S256',
      redirect_uri: 'https://hub.example/cb',
    });
  });

  it('names the step of each failure: status codes, malformed answers, timeouts', async () => {
    const cases: [string, { status: number; body: string; delayMs?: number }][] = [
      [
        'invalid',
        {
          status: 200,
          body: '{"items":[{"id":"u","email":"e","name":"n","role":"user","presence":"sleeping"}]}',
        },
      ],
      ['invalid', { status: 200, body: 'not json' }],
      ['unauthorized', { status: 401, body: '{"error":{"code":"INVALID_TOKEN","message":"expired"}}' }],
      ['unreachable', { status: 503, body: '' }],
      ['unreachable', { status: 200, body: '{"items":[]}', delayMs: 2000 }],
    ];
    for (const [step, answer] of cases) {
      answers.set('/api/v1/users', answer);
      expect(await stepOf(cs.users(base, 't')), JSON.stringify(answer)).toBe(step);
    }
    answers.set('/api/v1/users', { status: 200, body: '{"items":[]}' });
    expect(await cs.users(base, 't')).toEqual([]);
    answers.set('/oauth/token', {
      status: 400,
      body: '{"error":"invalid_grant","error_description":"revoked"}',
    });
    expect(await stepOf(cs.refresh(base, 'r'))).toBe('refresh');
    expect(await stepOf(cs.refresh('http://127.0.0.1:1', 'r'))).toBe('unreachable');
  });
});
