import { describe, expect, it, vi } from 'vitest';
import type { Cp2Reply } from '@crosspoint/protocol';
import { FakeStream } from '../../test/fake-stream.ts';
import { Cp2Client } from './cp2-client.ts';
import { Cp2Connection } from './cp2-connection.ts';

const creds = { username: 'clearone', password: 'converge' };

function setup(options: ConstructorParameters<typeof Cp2Connection>[2] = {}) {
  const stream = new FakeStream();
  const replies: Cp2Reply[] = [];
  const onClose = vi.fn();
  const conn = new Cp2Connection(stream, { onReply: (r) => replies.push(r), onClose }, options);
  return { stream, conn, replies, onClose, client: new Cp2Client(conn, 500) };
}

async function loggedIn(options?: ConstructorParameters<typeof Cp2Connection>[2]) {
  const s = setup(options);
  const login = s.conn.login(creds, 1000);
  s.stream.feed('Username: ');
  s.stream.feed('\r\nPassword: ');
  s.stream.feed('\r\n=> ');
  await login;
  s.stream.writes.length = 0;
  return s;
}

describe(Cp2Connection.name, () => {
  it('answers telnet negotiation, logs in through prompts split across chunks', async () => {
    const { stream, conn } = setup();
    const login = conn.login(creds, 1000);
    stream.feed(Buffer.from([0xff, 0xfb, 0x01, 0xff, 0xfb]));
    stream.feed(Buffer.from([0x03]));
    stream.feed('Welcome\r\nUser');
    stream.feed('name: ');
    stream.feed('\r\nPass');
    stream.feed('word: ');
    stream.feed('\n\r=> ');
    await login;
    expect(conn.isReady).toBe(true);
    expect(stream.written()).toContain('\xff\xfe\x01\xff\xfe\x03');
    expect(stream.sentLines()).toEqual(['clearone', 'converge']);
  });

  it('reports refused credentials as DEVICE_LOGIN_FAILED', async () => {
    const { stream, conn } = setup();
    const login = conn.login(creds, 1000);
    stream.feed('Username: ');
    stream.feed('\r\nPassword: ');
    stream.feed('\r\nInvalid username or password\r\nUsername: ');
    await expect(login).rejects.toMatchObject({ code: 'DEVICE_LOGIN_FAILED' });
    expect(stream.destroyed).toBe(true);
  });

  it('treats a close right after the password as a refusal, and a close before as a closed session', async () => {
    const a = setup();
    const la = a.conn.login(creds, 1000);
    a.stream.feed('Username: ');
    a.stream.feed('\r\nPassword: ');
    a.stream.destroy();
    await expect(la).rejects.toMatchObject({ code: 'DEVICE_LOGIN_FAILED' });
    const b = setup();
    const lb = b.conn.login(creds, 1000);
    b.stream.destroy();
    await expect(lb).rejects.toMatchObject({ code: 'DEVICE_SESSION_CLOSED' });
  });

  it('times out a login against a peer that never prompts', async () => {
    const { conn } = setup();
    await expect(conn.login(creds, 50)).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
  });

  it('correlates replies by address, never by order, and ignores echoed queries', async () => {
    const { stream, client, replies } = await loggedIn();
    const serial = client.serial('DSP1');
    const locate = client.locate('DSP1');
    expect(stream.sentLines()).toEqual(['BOX DSP1 UNIT SN', 'BOX DSP1 LOCATE']);
    stream.feed('=> BOX DSP1 UNIT SN\r\n'); // local echo of the query: no value
    stream.feed('=> EP UA 101 NOTIFICATION STATE_CHANGE PL 1;DIALTONE\r\n');
    stream.feed('=> BOX DSP2 UNIT SN 9999-9999-99\r\n'); // another box's answer
    stream.feed('=> BOX DSP1 LOCATE 1\r\n=> BOX DSP1 UNIT SN 0196-1743-08\r\n');
    await expect(serial).resolves.toBe('0196-1743-08');
    await expect(locate).resolves.toBe(true);
    expect(replies.map((r) => r.name)).toEqual(['uaNotification', 'boxSerial', 'locate', 'boxSerial']);
  });

  it('fails the command in flight on the error line, not the keep-alive', async () => {
    const { stream, client, conn } = await loggedIn();
    const ping = client.keepAlive('DSP1', 500);
    const bad = client.locate('NOPE', true);
    stream.feed('=> Error Invalid Paramter(s)\r\n');
    await expect(bad).rejects.toMatchObject({ code: 'DEVICE_REJECTED' });
    await expect(bad).rejects.toThrow(/Invalid Paramter/);
    stream.feed('=> BOX DSP1 UNIT SN 1\r\n');
    await expect(ping).resolves.toBe('1');
    stream.feed('=> Error Invalid Paramter(s)\r\n');
    expect(conn.stats.strayErrors).toBe(1);
  });

  it('collects multi-line listings with pushed lines interleaved', async () => {
    const { stream, client } = await loggedIn();
    const info = client.stackInfo();
    const plinks = client.plinks('DSP1');
    stream.feed('=> STACK INFO NAME Main BOXES 2 SELF 00\r\n=> BOX DSP1 PLINK COUNT 1\r\n');
    stream.feed('=> STACK SAFETY_MUTE 1\r\n=> STACK INFO BOX 00 1 DSP1 CP2_128\n\r');
    stream.feed('=> BOX DSP1 PLINK ITEM 01 1 1 BT_EXPANDER 0001-0002-03 1.0.1.18 Main\r\n');
    stream.feed('=> STACK INFO BOX 01 0 DSP2 CP2_48V\r\n');
    await expect(info).resolves.toEqual({
      stack: 'Main',
      self: '00',
      boxes: [
        { clink: '00', online: true, box: 'DSP1', model: 'CP2_128' },
        { clink: '01', online: false, box: 'DSP2', model: 'CP2_48V' },
      ],
    });
    await expect(plinks).resolves.toEqual([
      {
        plink: '01',
        chain: 1,
        online: true,
        model: 'BT_EXPANDER',
        serial: '0001-0002-03',
        firmware: '1.0.1.18',
        stack: 'Main',
      },
    ]);
  });

  it('survives garbage, 64 KiB lines and invalid UTF-8, then answers the next command', async () => {
    const { stream, client, conn } = await loggedIn();
    stream.feed(Buffer.from([0x00, 0xff, 0x01, 0xc3, 0x28, 0xfe, 0x0d, 0x0a]));
    stream.feed(`=> ${'x'.repeat(64 * 1024)}\r\n`);
    stream.feed(
      Buffer.concat([
        Buffer.from('=> BOX DSP1 UNIT SN '),
        Buffer.from([0xff, 0xff, 0xc0]),
        Buffer.from('\r\n'),
      ]),
    );
    const serial = client.serial('DSP1');
    stream.feed('=> BOX DSP1 UN');
    stream.feed('IT SN 0196-1743-08\r');
    await expect(serial).resolves.toBe('0196-1743-08');
    expect(conn.framerStats.overlongLines).toBe(1);
    expect(conn.isReady).toBe(true);
  });

  it('times out a request the peer never answers, and stays usable', async () => {
    const { stream, client } = await loggedIn();
    await expect(client.temperature('DSP1')).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    const again = client.temperature('DSP1');
    stream.feed('=> BOX DSP1 UNIT TEMPERATURE 41.5\r\n');
    await expect(again).resolves.toBe(41.5);
  });

  it('rejects requests in flight when the connection closes', async () => {
    const { stream, client, onClose } = await loggedIn();
    const pending = client.serial('DSP1');
    stream.destroy();
    await expect(pending).rejects.toMatchObject({ code: 'DEVICE_SESSION_CLOSED' });
    expect(onClose).toHaveBeenCalledOnce();
    await expect(client.serial('DSP1')).rejects.toMatchObject({ code: 'DEVICE_SESSION_CLOSED' });
  });

  it('gives up on a peer that stops reading', async () => {
    const { stream, client } = await loggedIn({ maxWriteBacklog: 10 });
    stream.writableLength = 100;
    await expect(client.serial('DSP1')).rejects.toMatchObject({ code: 'DEVICE_SESSION_CLOSED' });
    expect(stream.destroyed).toBe(true);
  });

  it('never throws on random bytes (seeded fuzz)', async () => {
    const { stream, conn } = await loggedIn();
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const alphabet = Buffer.from(
      '=> BOX DSP1 UNIT SN LOCATE 0 1 STACK INFO EP UA 101 NOTIFICATION Error \r\n\xff\xfb\xfa\xf0\x00\xc3',
    );
    for (let i = 0; i < 2000; i++) {
      const chunk = Buffer.alloc(1 + Math.floor(rand() * 64));
      for (let j = 0; j < chunk.length; j++)
        chunk[j] = rand() < 0.8 ? alphabet[Math.floor(rand() * alphabet.length)]! : Math.floor(rand() * 256);
      expect(() => stream.feed(chunk)).not.toThrow();
    }
    expect(conn.isReady).toBe(true);
  });
});
