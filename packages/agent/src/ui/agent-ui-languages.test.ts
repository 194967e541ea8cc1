import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadAgentConfig } from '../config.ts';
import { startAgentProgram, type AgentProgram } from '../program.ts';
import { agentLanguages, agentWords, languageOf } from './ui-words.ts';

describe('agent UI words', () => {
  it('has every text in every language, with the same {placeholders} and markup as English', () => {
    const en = agentWords.en;
    const marks = (s: string) => [...s.matchAll(/\{\w+\}|<\/?\w+>/g)].map((m) => m[0]).sort();
    for (const lng of agentLanguages) {
      const w = agentWords[lng];
      expect(Object.keys(w).sort(), lng).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) {
        if (typeof v !== 'string') continue;
        const found = w[k as keyof typeof w];
        const mine = typeof found === 'string' ? found : '';
        expect(mine.trim() !== '', `${lng}.${k}`).toBe(true);
        expect(marks(mine), `${lng}.${k}`).toEqual(marks(v));
        if (lng !== 'en' && v.length > 12 && !v.startsWith('Crosspoint')) {
          expect(mine, `${lng}.${k} is translated`).not.toBe(v);
        }
      }
    }
  });

  it('picks the menu choice, then the browser’s languages in order of preference, then English', () => {
    expect(languageOf('cp_agent=x; cp_lang=ja', 'de')).toBe('ja');
    expect(languageOf(undefined, 'sv-SE, pl;q=0.8, de;q=0.9')).toBe('de');
    expect(languageOf(undefined, 'pt-BR,pt;q=0.9')).toBe('pt');
    expect(languageOf('cp_lang=xx', 'sv')).toBe('en');
    expect(languageOf(undefined, undefined)).toBe('en');
  });
});

describe('agent UI in the browser’s language', () => {
  let program: AgentProgram;
  let dir = '';
  let base = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-agent-lang-'));
    const config = loadAgentConfig(
      {
        dataDir: dir,
        uiPort: '0',
        discoveryIntervalS: '0',
        logLevel: 'silent',
        subnets: '127.63.1.0/24:2401@lab1',
      },
      {},
    );
    program = await startAgentProgram(config, {
      logger: pino({ level: 'silent' }),
      uiPassword: 'local-secret-1',
      agent: { discoverOnStart: false },
    });
    base = program.ui.url;
  });
  afterAll(async () => {
    await program.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('speaks Polish to a Polish browser, Arabic right to left after the menu’s choice', async () => {
    const signInPl = await (
      await fetch(`${base}/sign-in`, { headers: { 'accept-language': 'pl-PL,pl;q=0.9' } })
    ).text();
    expect(signInPl).toContain('<html lang="pl" dir="ltr">');
    expect(signInPl).toContain('<h1>Zaloguj się</h1>');
    expect(signInPl).toContain('Nazwa użytkownika');

    const wrong = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: { 'accept-language': 'pl' },
      body: new URLSearchParams({ username: 'admin', password: 'nope' }),
    });
    expect(await wrong.text()).toContain('Nieprawidłowa nazwa użytkownika lub hasło.');

    const choose = await fetch(`${base}/language?lang=ar&back=/subnets`, { redirect: 'manual' });
    expect(choose.status).toBe(303);
    expect(choose.headers.get('location')).toBe('/subnets');
    const langCookie = (choose.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(langCookie).toBe('cp_lang=ar');

    const signIn = await fetch(`${base}/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin', password: 'local-secret-1' }),
      redirect: 'manual',
    });
    const session = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const subnets = await (
      await fetch(`${base}/subnets`, {
        headers: { cookie: `${session}; ${langCookie}`, 'accept-language': 'pl' },
      })
    ).text();
    expect(subnets).toContain('<html lang="ar" dir="rtl">');
    expect(subnets).toContain('المفعّل: 1 من 1');
    expect(subnets).toContain('aria-label="تعطيل 127.63.1.0/24"');
    expect(subnets).toContain('<option value="ar" lang="ar" selected>العربية</option>');
  });

  it('never sends the language menu elsewhere than a page of this agent', async () => {
    const res = await fetch(`${base}/language?lang=de&back=https://evil.example/`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/');
    const protocolRelative = await fetch(`${base}/language?lang=de&back=//evil.example/x`, {
      redirect: 'manual',
    });
    expect(protocolRelative.headers.get('location')).toBe('/');
  });
});
