// Enterprise edition: one organization, capacity unlocked by a signed license file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licenseSigningText, type LicenseTerms } from '@crosspoint/protocol';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { generateLicenseKeys, signLicenseText } from '../../adapters/license-signature.ts';
import { cliActor } from '../../services/context.ts';
import { register } from '../../test/tenancy-fixture.ts';
import type { ApiClient } from '../../test/api-client.ts';

const issuer = generateLicenseKeys();
const stranger = generateLicenseKeys();

function licenseFile(terms: Partial<LicenseTerms>, privateKeyPem = issuer.privateKeyPem): string {
  const license: LicenseTerms = {
    id: 'LIC-0001',
    licensee: 'Initech',
    devices: 250,
    issuedAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2099-01-01T00:00:00.000Z',
    ...terms,
  };
  return JSON.stringify({ license, signature: signLicenseText(licenseSigningText(license), privateKeyPem) });
}

describe('enterprise license', () => {
  let hub: HubUnderTest;
  let owner: ApiClient;
  let orgId: string;
  beforeAll(async () => {
    hub = await startHubForTest({ config: { licensePublicKey: issuer.publicKeyPem } });
    const org = await hub.services.organizations.createEnterpriseOrg(cliActor, {
      name: 'Initech',
      ownerEmail: 'it@initech.example',
    });
    orgId = org.id;
    owner = await register(hub, 'it@initech.example');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('runs unlicensed with a small capacity, and refuses support organizations', async () => {
    const status = await owner.get<{ capacity: number; license: unknown }>(`/api/v1/orgs/${orgId}/license`);
    expect(status.body).toMatchObject({ capacity: 5, license: null });
    await expect(
      hub.services.organizations.createSupportOrg(cliActor, {
        name: 'X',
        ownerEmail: 'x@example.test',
        devicePool: 1,
      }),
    ).rejects.toThrow(/enterprise edition/);
    const session = await owner.get<{ currentOrg: { kind: string } }>('/api/v1/auth/session');
    expect(session.body.currentOrg.kind).toBe('enterprise');
  });

  it('refuses files that are not licenses, are tampered with, signed by someone else, or expired', async () => {
    const put = (document: string) =>
      owner.put<{ error: { code: string; message: string } }>(`/api/v1/orgs/${orgId}/license`, { document });
    const cases: [string, RegExp][] = [
      ['not json at all', /not JSON/],
      ['{"license":{}}', /not a Crosspoint license file/],
      [licenseFile({}).replace('"devices":250', '"devices":9999'), /signature/],
      [licenseFile({}, stranger.privateKeyPem), /signature/],
      [licenseFile({ expiresAt: '2020-01-01T00:00:00.000Z' }), /expired/],
    ];
    for (const [document, why] of cases) {
      const res = await put(document);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('LICENSE_INVALID');
      expect(res.body.error.message).toMatch(why);
    }
  });

  it('unlocks the licensed capacity, audited, and only Owners may upload', async () => {
    await owner.post(`/api/v1/orgs/${orgId}/users/invitations`, {
      emails: ['admin@initech.example'],
      role: 'administrator',
    });
    const admin = await register(hub, 'admin@initech.example');
    expect((await admin.put(`/api/v1/orgs/${orgId}/license`, { document: licenseFile({}) })).status).toBe(
      403,
    );
    const installed = await owner.put<{
      capacity: number;
      license: { licensee: string; devices: number; expired: boolean };
    }>(`/api/v1/orgs/${orgId}/license`, { document: licenseFile({}) });
    expect(installed.status).toBe(200);
    expect(installed.body).toMatchObject({
      capacity: 250,
      license: { licensee: 'Initech', devices: 250, expired: false },
    });
    const org = await owner.get<{ pool: { total: number } }>(`/api/v1/orgs/${orgId}`);
    expect(org.body.pool.total).toBe(250);
    const history = await owner.get<{ items: { action: string }[] }>(
      `/api/v1/orgs/${orgId}/audit?action=license.installed`,
    );
    expect(history.body.items).toHaveLength(1);
  });
});
