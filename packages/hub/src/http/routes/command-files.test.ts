// Files of device commands: uploads people make for firmware updates and configuration loads, what
// agents fetch and send back, and the commands that name them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startHubForTest, type HubUnderTest } from '../../test/hub-under-test.ts';
import { agentPassword, buildTenancy, type Tenancy } from '../../test/tenancy-fixture.ts';
import { FakeAgent, linkDevice } from '../../test/fake-agent.ts';

interface FileInfo {
  id: string;
  name: string;
  kind: string;
  bytes: number;
  sha256: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe('command files', () => {
  let hub: HubUnderTest;
  let t: Tenancy;
  let other: Tenancy;
  let login: string;
  let basic: string;
  const files = (org = t.client.id) => `/api/v1/orgs/${org}/files`;
  const image = Buffer.from('CP2FW 9.9.9.9\n'.padEnd(4096, 'x'));

  beforeAll(async () => {
    hub = await startHubForTest();
    t = await buildTenancy(hub, 'files');
    other = await buildTenancy(hub, 'elsewhere');
    const server = await t.support.owner.post<{ login: string }>(`/api/v1/orgs/${t.client.id}/servers`, {
      name: 'Rack F',
      password: agentPassword,
    });
    login = server.body.login;
    basic = `Basic ${Buffer.from(`${login}:${agentPassword}`).toString('base64')}`;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('keeps an uploaded image and gives it back byte for byte, to its organization only', async () => {
    const owner = t.support.owner;
    const up = await owner.request<FileInfo>(
      'POST',
      `${files()}?name=${encodeURIComponent('CP2 9.9.9.9.bin')}&kind=firmware`,
      image,
    );
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      name: 'CP2 9.9.9.9.bin',
      kind: 'firmware',
      bytes: image.byteLength,
      sha256: createHash('sha256').update(image).digest('hex'),
    });
    const down = await hub.app.inject({
      method: 'GET',
      url: `${files()}/${up.body.id}`,
      headers: { cookie: owner.cookieHeader },
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(image)).toBe(true);
    expect(down.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''CP2%209.9.9.9.bin`);
    expect((await other.support.owner.get<ErrorBody>(`${files(other.client.id)}/${up.body.id}`)).status).toBe(
      404,
    );
    expect((await other.support.owner.get<ErrorBody>(`${files()}/${up.body.id}`)).status).toBe(404);
  });

  it('refuses bad uploads with a clear code', async () => {
    const owner = t.support.owner;
    const json = await owner.request<ErrorBody>('POST', `${files()}?name=a.bin&kind=firmware`, {
      not: 'a file',
    });
    expect([json.status, json.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const empty = await owner.request<ErrorBody>(
      'POST',
      `${files()}?name=a.bin&kind=firmware`,
      Buffer.alloc(0),
    );
    expect([empty.status, empty.body.error.code]).toEqual([400, 'BAD_REQUEST']);
    const path = await owner.request<ErrorBody>(
      'POST',
      `${files()}?name=${encodeURIComponent('../etc/passwd')}&kind=firmware`,
      image,
    );
    expect([path.status, path.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const logs = await owner.request<ErrorBody>('POST', `${files()}?name=a.log&kind=logs`, image);
    expect([logs.status, logs.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('lets the agent fetch a file of its organization and send back logs, with its account', async () => {
    const owner = t.support.owner;
    const up = await owner.request<FileInfo>(
      'POST',
      `${files()}?name=room.pccp2x&kind=project`,
      Buffer.from('PK project'),
    );
    const wrong = await hub.app.inject({
      method: 'GET',
      url: `/agent/v1/files/${up.body.id}`,
      headers: { authorization: `Basic ${Buffer.from(`${login}:nope`).toString('base64')}` },
    });
    expect(wrong.statusCode).toBe(401);
    const got = await hub.app.inject({
      method: 'GET',
      url: `/agent/v1/files/${up.body.id}`,
      headers: { authorization: basic },
    });
    expect([got.statusCode, got.body]).toEqual([200, 'PK project']);
    const theirs = await other.support.owner.request<FileInfo>(
      'POST',
      `${files(other.client.id)}?name=x.bin&kind=firmware`,
      image,
    );
    expect(
      (
        await hub.app.inject({
          method: 'GET',
          url: `/agent/v1/files/${theirs.body.id}`,
          headers: { authorization: basic },
        })
      ).statusCode,
    ).toBe(404);

    const sent = await hub.app.inject({
      method: 'POST',
      url: '/agent/v1/files?name=system.log&kind=logs',
      headers: { authorization: basic, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('boot ok\n'),
    });
    expect(sent.statusCode).toBe(201);
    const info = sent.json<FileInfo>();
    expect(info).toMatchObject({ name: 'system.log', kind: 'logs', bytes: 8 });
    const back = await hub.app.inject({
      method: 'GET',
      url: `${files()}/${info.id}`,
      headers: { cookie: owner.cookieHeader },
    });
    expect(back.body).toBe('boot ok\n');
  });

  it('sends a firmware update to the agent naming the file, and refuses the wrong kind of file', async () => {
    const owner = t.support.owner;
    const agent = await FakeAgent.connect(hub.url, login, agentPassword);
    agent.hello();
    const { lastSeq } = await agent.next('welcome');
    agent.send({ type: 'inventory', seq: lastSeq + 1, devices: [linkDevice(1)] });
    await agent.next('ack');
    const [device] = (await owner.get<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/devices`))
      .body.items;
    const fw = await owner.request<FileInfo>('POST', `${files()}?name=fw.bin&kind=firmware`, image);
    const project = await owner.request<FileInfo>(
      'POST',
      `${files()}?name=p.pccp2x&kind=project`,
      Buffer.from('PK'),
    );

    const wrongKind = await owner.post<ErrorBody>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: [device?.id],
      command: { type: 'firmwareUpdate', fileId: project.body.id },
    });
    expect([wrongKind.status, wrongKind.body.error.code]).toEqual([400, 'BAD_REQUEST']);
    expect(wrongKind.body.error.message).toMatch(/p\.pccp2x is a project file/);
    const missing = await owner.post<ErrorBody>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: [device?.id],
      command: { type: 'loadConfig', fileId: crypto.randomUUID() },
    });
    expect(missing.status).toBe(404);

    const started = await owner.post<{ items: { id: string }[] }>(`/api/v1/orgs/${t.client.id}/jobs`, {
      deviceIds: [device?.id],
      command: { type: 'firmwareUpdate', fileId: fw.body.id },
    });
    expect(started.status).toBe(202);
    const command = await agent.next('command');
    expect(command.command).toEqual({ type: 'firmwareUpdate', fileId: fw.body.id, fileName: 'fw.bin' });
    agent.send({
      type: 'command-result',
      commandId: command.commandId,
      ok: true,
      result: { previous: '4.4.0.2', firmware: '9.9.9.9' },
    });
    for (let i = 0; i < 100; i++) {
      const job = await owner.get<{ status: string; result: unknown }>(
        `/api/v1/orgs/${t.client.id}/jobs/${command.commandId}`,
      );
      if (job.body.status === 'succeeded') {
        expect(job.body.result).toEqual({ previous: '4.4.0.2', firmware: '9.9.9.9' });
        break;
      }
      if (i === 99) throw new Error('the job never succeeded');
      await new Promise((r) => setTimeout(r, 50));
    }
    const audit = await owner.get<{ items: { detail: Record<string, unknown> }[] }>(
      `/api/v1/orgs/${t.client.id}/audit?action=devices.command`,
    );
    expect(audit.body.items[0]?.detail).toMatchObject({ command: 'firmwareUpdate', file: 'fw.bin' });
    agent.close();
  });
});
