import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  deviceModels,
  imageVersionOf,
  videoFirmwarePath,
  videoStatusPath,
  type DeviceModelCode,
  type VideoCodecStatus,
} from '@crosspoint/protocol';
import type { SimContext } from '../context.ts';
import { notApplicable, type AnyFaultParams, type FaultName } from '../faults/catalog.ts';
import type { ResolvedCodec } from '../site/resolve.ts';
import { NetDevice } from '../state/net-device.ts';

/**
 * A COLLABORATE Live codec with a small HTTP JSON status interface [G, devices.md §2.5]:
 * `GET /api/v1/status`. `video_down`/`down` close it; `cs_fail` clears `csRegistered`.
 */
export class Codec extends NetDevice {
  readonly kind = 'codec';
  readonly id: string;
  readonly name: string;
  readonly model: DeviceModelCode;
  readonly ip: string;
  readonly serial: string;
  firmware: string;
  readonly mac: string;
  csRegistered: boolean;
  readonly port: number;
  private readonly startedAt = Date.now();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private updating = false;

  constructor(ctx: SimContext, spec: ResolvedCodec) {
    super(ctx);
    this.id = spec.id;
    this.name = spec.name;
    this.model = spec.model;
    this.ip = spec.ip;
    this.serial = spec.serial;
    this.firmware = spec.firmware;
    this.mac = spec.mac;
    this.csRegistered = spec.csRegistered;
    this.port = ctx.videoPort;
  }

  status(): VideoCodecStatus {
    return {
      model: this.model,
      name: this.name,
      serial: this.serial,
      firmware: this.firmware,
      mac: this.mac,
      csRegistered: this.csRegistered && !this.faults.has('cs_fail'),
      csServer: 'collaboratespace.net',
      uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000),
    };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.wire.hang) return; // the request stays unanswered
    const send = (code: number, body: unknown) => {
      const json = JSON.stringify(body);
      res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    };
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && url === videoFirmwarePath) {
      this.receiveFirmware(req, send);
      return;
    }
    const answer = (): void => {
      if (req.method !== 'GET') send(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'GET only' } });
      else if (url === videoStatusPath) send(200, this.status());
      else if (url === '/')
        send(200, { product: deviceModels[this.model].displayName, status: videoStatusPath });
      else send(404, { error: { code: 'NOT_FOUND', message: `no ${url ?? ''}` } });
    };
    const slow = this.wire.slow;
    if (slow) setTimeout(answer, slow.delayMs + Math.floor(this.ctx.rnd() * (slow.jitterMs + 1)));
    else answer();
  }

  /**
   * A firmware image posted to it [G]: 202 when its header is a COLLABORATE Live image, then it
   * installs it (`firmwareUpdateMs`), restarts (unreachable for `restartMs`) and comes back with the
   * version — the old one under `firmware_reject`.
   */
  private receiveFirmware(req: IncomingMessage, send: (code: number, body: unknown) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 128 * 1024 * 1024 && chunks.length === 0) chunks.push(c);
    });
    req.on('end', () => {
      const version = imageVersionOf('video', Buffer.concat(chunks));
      if (!version || this.updating) {
        send(version ? 409 : 400, {
          error: version
            ? { code: 'BUSY', message: 'an update is under way' }
            : { code: 'BAD_IMAGE', message: 'not a COLLABORATE Live image' },
        });
        return;
      }
      this.updating = true;
      send(202, { version });
      const rejected = this.faults.has('firmware_reject');
      const { firmwareUpdateMs, restartMs } = this.ctx.timing;
      this.later(firmwareUpdateMs, () => {
        void this.setOffline('restart', true, 'end').then(() => {
          this.later(restartMs, () => {
            if (!rejected) this.firmware = version;
            this.updating = false;
            void this.setOffline('restart', false);
          });
        });
      });
    });
  }

  protected async openNetwork(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    server.on('clientError', (_e, s) => s.destroy());
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => {
        this.server = undefined;
        reject(e);
      });
      server.listen(this.port, this.ip, () => resolve());
    });
  }

  protected async closeNetwork(how: 'reset' | 'end'): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) {
      if (how === 'reset') s.resetAndDestroy();
      else s.destroy();
    }
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  protected override async applyFault(name: FaultName, params: AnyFaultParams | undefined): Promise<void> {
    const on = params !== undefined;
    if (name === 'video_down') await this.setOffline('video_down', on);
    else if (name === 'cs_fail' || name === 'firmware_reject') return;
    else if (name === 'garbage' || name === 'half_line' || !(await this.applyWireFault(name, params)))
      throw notApplicable(name, `codec ${this.id}`);
  }
}
