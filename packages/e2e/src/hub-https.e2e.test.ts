// The hub serving HTTPS itself, in Chromium: the web app signed in over https:// (its session
// cookie Secure), and the agent's web UI telling a person why it cannot link to that hub (a
// certificate of a CA the agent was not given).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { createTestCa, type TestCa } from '@crosspoint/hub/testing';
import { loadAgentConfig, startAgentProgram, type AgentProgram } from '@crosspoint/agent';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { signInToDemoClient, startHubForBrowser, until } from './hub-fixture.ts';

describe('hub over HTTPS in Chromium', () => {
  let dir: string;
  let ca: TestCa;
  let hub: RunningHub;
  let program: AgentProgram;
  let browser: TestBrowser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-e2e-https-'));
    ca = await createTestCa();
    const served = await ca.issue();
    await writeFile(join(dir, 'hub.pem'), served.cert);
    await writeFile(join(dir, 'hub.key'), served.key);
    hub = await startHubForBrowser({ tlsCert: join(dir, 'hub.pem'), tlsKey: join(dir, 'hub.key') });
    const { agentLogin } = await hub.services.bootstrap.seedDemo();
    program = await startAgentProgram(
      loadAgentConfig(
        {
          dataDir: join(dir, 'agent'),
          uiPort: '0',
          discoveryIntervalS: '0',
          logLevel: 'silent',
          hubUrl: hub.url,
          account: agentLogin,
          password: demoAccounts.agent.password,
        },
        {},
      ),
      { logger: pino({ level: 'silent' }), uiPassword: 'local-secret-1', agent: { discoverOnStart: false } },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await program.close();
    await hub.close();
    await ca.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in to the web app over https:// with a Secure session cookie', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    // The test CA is not in Chromium's store: this browser is told to accept the hub's certificate.
    const context = await browser.browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInToDemoClient(page, hub.url);
    const cookies = await context.cookies(hub.url);
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.filter((c) => !c.secure)).toEqual([]);
    await context.close();
  });

  it('the agent’s web UI says the hub’s certificate was not accepted, and what to do', async () => {
    await until('the refusal', () => program.link.current().state?.state === 'disconnected');
    const page = await browser.newPage();
    await page.goto(program.ui.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('local-secret-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Settings › External Services' }).click();
    const status = page.getByRole('status');
    await status
      .getByText('The hub’s certificate was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).')
      .waitFor();
    expect(await status.innerText()).toMatch(
      /that CA’s certificate given to the agent \(--hub-ca\)\. Retrying in \d+ s\./,
    );
    expect(await page.getByLabel('Hub URL').inputValue()).toBe(hub.url);
    await expectNoSeriousViolations(page, 'agent UI › settings, hub certificate refused');
  });
});
