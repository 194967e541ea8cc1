import { Readable, Writable } from 'node:stream';
import { Client, FTPError } from 'basic-ftp';
import { DeviceError, DeviceErrorCode } from '../commands/device-error.ts';
import type { DeviceCredentials } from '../store/agent-store.ts';

export interface FtpTarget {
  host: string;
  port: number;
  credentials: DeviceCredentials;
}

/** File transfer to and from a device (firmware images, projects, logs). The only user of basic-ftp. */
export interface FileTransfer {
  upload(
    target: FtpTarget,
    remotePath: string,
    data: Uint8Array,
    onBytes?: (sent: number) => void,
  ): Promise<void>;
  download(target: FtpTarget, remotePath: string, maxBytes: number): Promise<Uint8Array>;
  list(target: FtpTarget, dir: string): Promise<string[]>;
}

/** Passive-mode FTP with basic-ftp; every failure becomes a DeviceError with a stable code. */
export function ftpTransfer(timeoutMs: number): FileTransfer {
  const withClient = async <T>(
    target: FtpTarget,
    what: string,
    work: (client: Client) => Promise<T>,
  ): Promise<T> => {
    const client = new Client(timeoutMs);
    try {
      await client.access({
        host: target.host,
        port: target.port,
        user: target.credentials.username,
        password: target.credentials.password,
        secure: false,
      });
      return await work(client);
    } catch (e) {
      throw toDeviceError(e, what);
    } finally {
      client.close();
    }
  };
  return {
    upload: (target, remotePath, data, onBytes) =>
      withClient(target, `upload ${remotePath}`, async (client) => {
        if (onBytes) {
          client.trackProgress((info) => {
            onBytes(info.bytesOverall);
          });
        }
        await client.uploadFrom(Readable.from([Buffer.from(data)]), remotePath);
      }),
    download: (target, remotePath, maxBytes) =>
      withClient(target, `download ${remotePath}`, async (client) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const sink = new Writable({
          write(chunk: Buffer, _enc, done) {
            size += chunk.length;
            if (size > maxBytes) {
              done(
                new DeviceError(
                  DeviceErrorCode.TransferFailed,
                  `${remotePath} is larger than ${maxBytes} bytes.`,
                ),
              );
              return;
            }
            chunks.push(chunk);
            done();
          },
        });
        await client.downloadTo(sink, remotePath);
        return new Uint8Array(Buffer.concat(chunks));
      }),
    list: (target, dir) =>
      withClient(target, `list ${dir}`, async (client) =>
        (await client.list(dir)).filter((f) => f.isFile).map((f) => f.name),
      ),
  };
}

function toDeviceError(e: unknown, what: string): DeviceError {
  if (e instanceof DeviceError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ECONNREFUSED') {
    return new DeviceError(
      DeviceErrorCode.FtpDisabled,
      `FTP is not reachable on the device (${what}): is file transfer enabled?`,
      { cause: e },
    );
  }
  if (e instanceof FTPError && e.code === 530) {
    return new DeviceError(DeviceErrorCode.LoginFailed, `FTP login refused (${what}).`, { cause: e });
  }
  return new DeviceError(DeviceErrorCode.TransferFailed, `FTP ${what} failed: ${err.message}`, { cause: e });
}
