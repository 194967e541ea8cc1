import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp2ErrorLine, cp2LoginFailedText } from '@crosspoint/protocol';
import { startSimulator, type Simulator } from '../simulator.ts';
import { fastTiming, testSite } from '../test/sites.ts';
import { TestClient, loggedIn } from '../test/telnet-client.ts';

const ip = '127.77.1.10';
let sim: Simulator;
const clients: TestClient[] = [];
const open = async (host = ip) => {
  const c = await TestClient.connect(host, 2323);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  const site = testSite(1);
  const lfcrStack = {
    name: 'Lfcr',
    boxes: [
      {
        name: 'L1',
        model: 'CP2_48V' as const,
        ip: '127.77.1.50',
        telnet: { lineEnding: 'lfcr' as const, echo: true },
      },
    ],
  };
  site.subnets[0]?.stacks?.push(lfcrStack, {
    name: 'Plain',
    boxes: [{ name: 'P1', model: 'CP2_128' as const, ip: '127.77.1.51', telnet: { negotiate: false } }],
  });
  sim = await startSimulator({ site, timing: fastTiming });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await sim.close();
});

describe('telnet login', () => {
  it('negotiates, prompts, and reaches the command prompt with the stack credentials', async () => {
    const c = await open();
    await c.prompt('username');
    expect(c.negotiations).toEqual([
      { verb: 'WILL', option: 1 },
      { verb: 'WILL', option: 3 },
    ]);
    expect(c.rawText().startsWith('\xff\xfb\x01\xff\xfb\x03Username: ')).toBe(true);
    c.send('clearone');
    await c.prompt('password');
    c.send('converge');
    await c.prompt('command');
    expect(await c.ask('BOX DSP1 UNIT SN')).toBe('BOX DSP1 UNIT SN 0196-1743-08');
  });

  it('re-prompts after a wrong password and closes after three failures', async () => {
    const c = await open();
    for (let i = 0; i < 3; i++) {
      await c.prompt('username');
      c.send('clearone');
      await c.prompt('password');
      c.send('nope');
      expect(await c.next(cp2LoginFailedText)).toBe(cp2LoginFailedText);
    }
    await c.closedWithin();
  });

  it('skips negotiation when the box is set so', async () => {
    const c = await open('127.77.1.51');
    await c.prompt('username');
    expect(c.negotiations).toEqual([]);
  });

  it('refuses options the client asks for and ignores its acknowledgements', async () => {
    const c = await open();
    await c.prompt('username');
    c.socket.write(Buffer.from([0xff, 0xfd, 0x01, 0xff, 0xfd, 0x1f, 0xff, 0xfb, 0x18]));
    await c.login();
    // DO ECHO acknowledges our WILL: no answer. DO NAWS → WONT NAWS; WILL TTYPE → DONT TTYPE.
    expect(c.negotiations.slice(2)).toEqual([
      { verb: 'WONT', option: 0x1f },
      { verb: 'DONT', option: 0x18 },
    ]);
  });
});

describe('framing', () => {
  it('accepts LF, CR and CRLF input and writes `<payload>CRLF=> `', async () => {
    const c = await open();
    await c.login();
    c.send('BOX DSP1 UNIT SN', '\n');
    await c.next('BOX DSP1 UNIT SN 0');
    c.send('VERSION', '\r');
    await c.next('VERSION 8.3.15.0');
    expect(c.rawText()).toContain('VERSION 8.3.15.0\r\n=> ');
  });

  it('writes LFCR line ends and echoes input on a box set so', async () => {
    const c = await open('127.77.1.50');
    await c.login();
    c.send('VERSION');
    expect(await c.next('VERSION')).toBe('VERSION');
    expect(await c.next('VERSION')).toBe('VERSION 8.3.15.0');
    expect(c.rawText()).toContain('VERSION 8.3.15.0\n\r=> ');
    expect(c.rawText()).not.toContain('converge');
  });

  it('answers the error line to unknown, malformed and overlong input, then carries on', async () => {
    const c = await open();
    await c.login();
    expect(await c.ask('FROBNICATE', 'Error')).toBe(cp2ErrorLine);
    c.socket.write(Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0xff]), Buffer.from('\r\n')]));
    expect(await c.next('Error')).toBe(cp2ErrorLine);
    c.send('X'.repeat(70 * 1024));
    expect(await c.next('Error')).toBe(cp2ErrorLine);
    expect(await c.ask('BOX DSP1 UNIT SN')).toBe('BOX DSP1 UNIT SN 0196-1743-08');
  });

  it('ignores blank lines and handles pipelined commands in order', async () => {
    const c = await open();
    await c.login();
    c.socket.write('\r\n\r\nVERSION\r\nBOX DSP1 UNIT MODEL\r\nBOX DSP2 UNIT MODEL\r\n');
    // Without echo the prompts share one line: "Username: Password:" ends when the login succeeds.
    expect(await c.next(/.*/)).toBe('Username: Password:');
    expect(await c.next(/.*/)).toBe('VERSION 8.3.15.0');
    expect(await c.next(/.*/)).toBe('BOX DSP1 UNIT MODEL CP2_128V');
    expect(await c.next(/.*/)).toBe('BOX DSP2 UNIT MODEL CP2_48T');
  });
});

describe('notifications', () => {
  it('pushes a change made by one session to every other logged-in session, not to the caller', async () => {
    const a = await loggedIn(ip, 2323);
    const b = await loggedIn('127.77.1.11', 2323);
    clients.push(a, b);
    expect(await a.ask('EP MIC 103 LEVEL MUTE 1')).toBe('EP MIC 103 LEVEL MUTE 1');
    expect(await b.next('EP MIC 103')).toBe('EP MIC 103 LEVEL MUTE 1');
    expect(await a.ask('EP OUTPUT 101 LEVEL GAIN -5')).toBe('EP OUTPUT 101 LEVEL GAIN -5');
    expect(await b.next('EP OUTPUT 101')).toBe('EP OUTPUT 101 LEVEL GAIN -5');
    expect(a.lines.filter((l) => l.startsWith('EP MIC 103'))).toHaveLength(1);
  });
});
