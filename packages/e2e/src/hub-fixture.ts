import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { defaultWebDir, loadHubConfig, startHub, type RunningHub } from '@crosspoint/hub';

/** A real hub on 127.0.0.1:0 with an in-memory database, serving the built web app. */
export async function startHubForBrowser(): Promise<RunningHub> {
  if (!existsSync(join(defaultWebDir, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build:web` (npm test does it first).');
  }
  return startHub(loadHubConfig({ port: '0', logLevel: 'silent' }, {}), {
    logger: pino({ level: 'silent' }),
    database: { kind: 'pglite', dataDir: null },
  });
}

/** The link token of the newest mail to `email`, from the hub's outbox. */
export async function outboxToken(hub: RunningHub, email: string): Promise<string> {
  const [mail] = await hub.services.mail.recent(1, email);
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no link in the newest mail to ${email}`);
  return token;
}
