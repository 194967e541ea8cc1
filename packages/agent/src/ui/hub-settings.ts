import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretBox } from '../crypto/secret-box.ts';

export interface HubSettings {
  hubUrl: string;
  login: string;
  password: string;
}

/** Settings › External Services › central hub, kept in the data dir with the password sealed. */
export class HubSettingsFile {
  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretBox,
  ) {}

  async read(): Promise<HubSettings | undefined> {
    try {
      const raw = JSON.parse(await readFile(join(this.dataDir, 'hub.json'), 'utf8')) as {
        hubUrl: string;
        login: string;
        password: string;
      };
      return { hubUrl: raw.hubUrl, login: raw.login, password: this.secrets.open(raw.password, 'hub-link') };
    } catch {
      return undefined;
    }
  }

  async write(s: HubSettings | undefined): Promise<void> {
    const path = join(this.dataDir, 'hub.json');
    if (!s) {
      await writeFile(path, '{}', { mode: 0o600 });
      return;
    }
    await writeFile(
      path,
      JSON.stringify({
        hubUrl: s.hubUrl,
        login: s.login,
        password: this.secrets.seal(s.password, 'hub-link'),
      }),
      { mode: 0o600 },
    );
  }
}
