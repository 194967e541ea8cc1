import type { DeviceCommand } from '../commands/device-command.ts';

/** The hub's file store as the agent reaches it: `/agent/v1/files`, signed in like the link. */
export interface HubFiles {
  fetch(fileId: string): Promise<Uint8Array>;
  upload(name: string, kind: 'backup' | 'logs', data: Uint8Array): Promise<{ id: string; bytes: number }>;
}

/** Tries of a file fetch that fails on the network (about 15 s in all). */
const fetchAttempts = 5;

export class HubFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `hub.hubUrl` is read at each transfer: with several hubs, the one the link is on now. */
export function hubFiles(
  hub: { readonly hubUrl: string; login: string; password: string },
  fetchImpl: typeof fetch = fetch,
): HubFiles {
  const base = () => `${hub.hubUrl.replace(/^ws/, 'http').replace(/\/$/, '')}/agent/v1/files`;
  const authorization = `Basic ${Buffer.from(`${hub.login}:${hub.password}`).toString('base64')}`;
  const failed = async (res: Response, what: string) => {
    const text = await res.text().catch(() => '');
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    return new HubFileError(
      'FILE_TRANSFER_FAILED',
      `${what}: the hub answered ${String(res.status)}${message ? ` (${message})` : ''}.`,
    );
  };
  return {
    async fetch(fileId) {
      // A hub that dies mid-transfer: asked again (of the hub the link moved to) a few times.
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetchImpl(`${base()}/${encodeURIComponent(fileId)}`, {
            headers: { authorization },
          });
          if (!res.ok) throw await failed(res, 'Fetching the file from the hub failed');
          return new Uint8Array(await res.arrayBuffer());
        } catch (e) {
          if (e instanceof HubFileError || attempt >= fetchAttempts) throw e;
          await new Promise((r) => setTimeout(r, 1000 * attempt));
        }
      }
    },
    async upload(name, kind, data) {
      const res = await fetchImpl(`${base()}?${new URLSearchParams({ name, kind }).toString()}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(data),
      });
      if (!res.ok) throw await failed(res, `Sending ${name} to the hub failed`);
      const info = (await res.json()) as { id: string; bytes: number };
      return { id: info.id, bytes: info.bytes };
    },
  };
}

/**
 * A command from the hub as the agent runs it: a firmware update or configuration load names a
 * file on the hub, fetched here before the device is touched.
 */
export async function commandFromHub(
  command: Record<string, unknown>,
  files: HubFiles,
): Promise<DeviceCommand> {
  const fileName = typeof command.fileName === 'string' ? command.fileName : undefined;
  const withName = fileName ? { fileName } : {};
  if (command.type === 'firmwareUpdate' && typeof command.fileId === 'string') {
    return { type: 'firmwareUpdate', image: await files.fetch(command.fileId), ...withName };
  }
  if (command.type === 'loadConfig' && typeof command.fileId === 'string') {
    return { type: 'loadConfig', project: await files.fetch(command.fileId), ...withName };
  }
  return command as unknown as DeviceCommand;
}

/**
 * A result as the hub gets it: file contents (a backup, logs) go to the hub's file store and the
 * result names them by id, so people can download them from any hub.
 */
export async function resultForHub(type: unknown, result: unknown, files: HubFiles): Promise<unknown> {
  if (type === 'backupConfig' && isRecord(result) && result.data instanceof Uint8Array) {
    const { data, ...rest } = result;
    const name = typeof rest.fileName === 'string' ? rest.fileName : 'backup.pccp2x';
    const stored = await files.upload(name, 'backup', data);
    return { ...rest, fileId: stored.id, bytes: stored.bytes };
  }
  if (type === 'downloadLogs' && isRecord(result) && Array.isArray(result.files)) {
    const out = [];
    for (const f of result.files as { name: string; data: Uint8Array }[]) {
      const stored = await files.upload(f.name, 'logs', f.data);
      out.push({ name: f.name, fileId: stored.id, bytes: stored.bytes });
    }
    return { ...result, files: out };
  }
  return result;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
