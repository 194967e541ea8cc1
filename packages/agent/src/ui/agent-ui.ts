import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Agent } from '../agent-api.ts';
import { inSubnet } from '../discovery/subnet.ts';
import { UnknownSubnetError } from '../discovery/subnet-service.ts';
import type { LocalAdmin } from './local-admin.ts';
import type { LinkController } from './link-controller.ts';
import { devicesPage, hubPage, signInPage, subnetsPage, type PageWords, type SubnetRow } from './pages.ts';
import { agentLanguages, agentWords, languageOf } from './ui-words.ts';

const sessionMs = 12 * 3_600_000;
const maxBody = 16 * 1024;

export interface AgentUi {
  url: string;
  close(): Promise<void>;
}

/**
 * The agent's own small web UI on localhost: sign in with the local administrator, see discovered
 * devices and subnets, enable/disable subnets, sweep now, and connect to a central hub (Settings › External Services).
 * Plain HTML forms (works without JavaScript); session cookie + per-session CSRF token.
 */
export async function startAgentUi(o: {
  host: string;
  port: number;
  agent: Agent;
  admin: LocalAdmin;
  link: LinkController;
  /** This agent's version (shown beside the update setting). */
  version?: string;
}): Promise<AgentUi> {
  const sessions = new Map<string, { csrf: string; expires: number }>();
  const failures = new Map<string, { n: number; until: number }>();

  const sessionOf = (req: IncomingMessage) => {
    const token = /(?:^|;\s*)cp_agent=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    const s = token ? sessions.get(token) : undefined;
    if (!token || !s || s.expires < Date.now()) return undefined;
    return { token, ...s };
  };
  const send = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      ...headers,
    });
    res.end(html);
  };
  const redirect = (res: ServerResponse, to: string, headers: Record<string, string> = {}) => {
    res.writeHead(303, { location: to, ...headers });
    res.end();
  };
  const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
    new Promise((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          reject(new Error('form too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', reject);
    });

  const subnetRows = (): SubnetRow[] => {
    const inventory = o.agent.inventory();
    return o.agent.subnets().map(({ spec, enabled }) => ({
      cidr: spec.cidr,
      iface: spec.interface,
      port: spec.port,
      enabled,
      devices: inventory.filter((d) => inSubnet(d.host, spec)).length,
    }));
  };

  const updatesOf = () => {
    const updater = o.link.updater();
    return updater ? { version: o.version ?? 'unknown', info: updater.info() } : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://agent.local');
    const path = url.pathname;
    const lng = languageOf(req.headers.cookie, req.headers['accept-language']);
    const pw: PageWords = { lng, w: agentWords[lng], path };
    const { w } = pw;
    if (path === '/language') {
      // The header's language menu: remembered in a cookie for a year, then back to the page.
      const chosen = agentLanguages.find((l) => l === url.searchParams.get('lang'));
      const back = url.searchParams.get('back') ?? '/';
      redirect(res, /^\/(?!\/)[\w/-]*$/.test(back) ? back : '/', {
        'set-cookie': chosen
          ? `cp_lang=${chosen}; SameSite=Strict; Path=/; Max-Age=31536000`
          : 'cp_lang=; Max-Age=0; Path=/',
      });
      return;
    }
    if (path === '/sign-in') {
      if (req.method === 'GET') {
        send(res, 200, signInPage(pw));
        return;
      }
      const ip = req.socket.remoteAddress ?? '';
      const lock = failures.get(ip);
      if (lock && lock.until > Date.now()) {
        send(res, 429, signInPage(pw, w.tooMany));
        return;
      }
      const form = await readForm(req);
      if (!(await o.admin.verify(form.get('username') ?? '', form.get('password') ?? ''))) {
        const n = (lock?.n ?? 0) + 1;
        failures.set(ip, { n, until: n >= 5 ? Date.now() + 5 * 60_000 : 0 });
        send(res, 401, signInPage(pw, w.wrong));
        return;
      }
      failures.delete(ip);
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, { csrf: randomBytes(16).toString('base64url'), expires: Date.now() + sessionMs });
      redirect(res, '/', { 'set-cookie': `cp_agent=${token}; HttpOnly; SameSite=Strict; Path=/` });
      return;
    }
    const session = sessionOf(req);
    if (!session) {
      redirect(res, '/sign-in');
      return;
    }
    if (req.method === 'POST') {
      const form = await readForm(req);
      if (form.get('csrf') !== session.csrf) {
        send(res, 403, signInPage(pw, w.expired));
        return;
      }
      if (path === '/sign-out') {
        sessions.delete(session.token);
        redirect(res, '/sign-in', { 'set-cookie': 'cp_agent=; Max-Age=0; Path=/' });
        return;
      }
      if (path === '/rediscover') {
        void o.agent.rediscover().catch(() => undefined);
        redirect(res, '/subnets');
        return;
      }
      const toggle = /^\/subnets\/(enable|disable)$/.exec(path);
      if (toggle) {
        const cidr = (form.get('cidr') ?? '').trim();
        if (cidr === '') {
          send(res, 400, subnetsPage(pw, subnetRows(), session.csrf, w.noSubnet));
          return;
        }
        try {
          const { sweep } = await o.agent.setSubnetEnabled(cidr, toggle[1] === 'enable');
          void sweep?.catch(() => undefined);
        } catch (e) {
          if (!(e instanceof UnknownSubnetError)) throw e;
          send(res, 400, subnetsPage(pw, subnetRows(), session.csrf, `${e.message} ${w.reload}`));
          return;
        }
        redirect(res, '/subnets');
        return;
      }
      if (path === '/settings/hub') {
        const hubUrl = form.get('hubUrl') ?? '';
        const login = form.get('login') ?? '';
        if (!/^(https?|wss?):\/\/[^\s]+$/.test(hubUrl) || !/^.+@.+$/.test(login)) {
          send(res, 400, hubPage(pw, o.link.current(), session.csrf, w.hubForm, updatesOf()));
          return;
        }
        await o.link.update({ hubUrl, login, password: form.get('password') ?? '' });
        redirect(res, '/settings/hub');
        return;
      }
      if (path === '/settings/updates') {
        const mode = form.get('mode');
        const updater = o.link.updater();
        if (updater && (mode === 'automatic' || mode === 'manual')) await updater.setMode(mode);
        redirect(res, '/settings/hub');
        return;
      }
      if (path === '/settings/hub/disconnect') {
        await o.link.disconnect();
        redirect(res, '/settings/hub');
        return;
      }
      send(res, 404, 'Not found');
      return;
    }
    if (path === '/') {
      send(res, 200, devicesPage(pw, o.agent.inventory(), url.searchParams.get('q') ?? '', session.csrf));
      return;
    }
    if (path === '/subnets') {
      send(res, 200, subnetsPage(pw, subnetRows(), session.csrf));
      return;
    }
    if (path === '/settings/hub') {
      send(res, 200, hubPage(pw, o.link.current(), session.csrf, undefined, updatesOf()));
      return;
    }
    send(res, 404, 'Not found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 400, 'Bad request');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `http://${o.host}:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
