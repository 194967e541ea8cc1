import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadAgentConfig } from '../config.ts';
import { startAgentProgram, type AgentProgram } from '../program.ts';

/** The subnets screen over HTTP (no devices: nothing answers on these loopback subnets). */
describe('agent UI: subnets', () => {
  let program: AgentProgram | undefined;
  let dir = '';
  afterEach(async () => {
    await program?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (subnets: string | undefined) => {
    dir = await mkdtemp(join(tmpdir(), 'cp-agent-ui-'));
    const config = loadAgentConfig(
      {
        dataDir: dir,
        uiPort: '0',
        discoveryIntervalS: '0',
        logLevel: 'silent',
        ...(subnets ? { subnets } : {}),
      },
      {},
    );
    program = await startAgentProgram(config, {
      logger: pino({ level: 'silent' }),
      uiPassword: 'local-secret-1',
      agent: { discoverOnStart: false },
    });
    const base = program.ui.url;
    const signIn = await fetch(`${base}/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin', password: 'local-secret-1' }),
      redirect: 'manual',
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(await get('/subnets'))?.[1] ?? '';
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { cookie },
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
    return { get, post, csrf };
  };

  it('shows each subnet with its state, toggles it, and refuses bad forms', async () => {
    const ui = await start('127.62.1.0/24:2401@lab1,127.62.2.0/24:2401@lab2');
    let html = await ui.get('/subnets');
    expect(html).toContain('2 of 2 enabled');
    expect(html).toContain('aria-label="Disable 127.62.1.0/24"');

    const disabled = await ui.post('/subnets/disable', { csrf: ui.csrf, cidr: '127.62.2.0/24' });
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get('location')).toBe('/subnets');
    html = await ui.get('/subnets');
    expect(html).toContain('1 of 2 enabled');
    expect(html).toContain('aria-label="Enable 127.62.2.0/24"');
    expect(html).toMatch(/127\.62\.2\.0\/24.*Disabled/s);
    expect(program?.agent.subnetCounts()).toEqual({ enabled: 1, total: 2 });

    const unknown = await ui.post('/subnets/disable', { csrf: ui.csrf, cidr: '10.1.1.0/24' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('No subnet 10.1.1.0/24 is configured on this agent.');
    const noCidr = await ui.post('/subnets/enable', { csrf: ui.csrf });
    expect(noCidr.status).toBe(400);
    expect(await noCidr.text()).toContain('The form named no subnet');
    const noCsrf = await ui.post('/subnets/enable', { cidr: '127.62.2.0/24' });
    expect(noCsrf.status).toBe(403);
    expect(program?.agent.subnetCounts()).toEqual({ enabled: 1, total: 2 });

    expect((await ui.post('/subnets/enable', { csrf: ui.csrf, cidr: '127.62.2.0/24' })).status).toBe(303);
    expect(await ui.get('/subnets')).toContain('2 of 2 enabled');
  });

  it('tells on the hub connection form what the agent login looks like and where the hub shows it', async () => {
    const ui = await start(undefined);
    const html = await ui.get('/settings/hub');
    expect(html).toMatch(/<label>Agent login <input name="login"[^>]*aria-describedby="login-help"/);
    expect(html).toContain('<code>Name@C10001</code> on a cloud hub');
    expect(html).toContain('<strong>Servers</strong>, column Agent login');
  });

  it('explains how to configure subnets when there are none', async () => {
    const ui = await start(undefined);
    const html = await ui.get('/subnets');
    expect(html).toContain('No subnets are configured.');
    expect(html).not.toContain('<table');
  });
});
