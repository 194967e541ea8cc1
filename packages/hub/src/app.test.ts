import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubForTest, type HubUnderTest } from './test/hub-under-test.ts';

describe('hub HTTP skeleton', () => {
  let hub: HubUnderTest;
  beforeAll(async () => {
    hub = await startHubForTest();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('answers liveness and readiness with every dependency checked', async () => {
    const health = await hub.get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await hub.get('/readyz');
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ready: boolean; checks: { name: string; ok: boolean }[] };
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => c.name).sort()).toEqual(['bus', 'database']);
  });

  it('describes the hub it runs', async () => {
    const res = await hub.get('/api/v1/system/info');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ product: 'Crosspoint', database: 'pglite', bus: 'memory' });
  });

  it('publishes OpenAPI and the browsable docs', async () => {
    const spec = (await (await hub.get('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/v1/system/info']),
    );
    const docs = await hub.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('exposes Prometheus metrics, counting requests', async () => {
    await hub.get('/healthz');
    const res = await hub.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/process_cpu_seconds_total/);
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/healthz"/);
  });

  it('answers unknown API paths with the JSON error shape and a stable code', async () => {
    const res = await hub.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; requestId?: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(/nothing-here/);
    expect(body.error.requestId).toBeTruthy();
  });

  it('rejects a malformed JSON body with 400, never 500', async () => {
    const res = await hub.get('/api/v1/system/info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { code: string } };
    expect(typeof body.error.code).toBe('string');
  });

  it('serves the web app at / and deep links, with a CSP', async () => {
    const root = await hub.get('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/Crosspoint test shell/);
    expect(root.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const deep = await hub.get('/devices/pro-audio?status=down');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toMatch(/Crosspoint test shell/);
  });
});
