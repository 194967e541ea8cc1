import type { Socket } from 'node:net';
import {
  LineFramer,
  bma360dDialect,
  bma360dErrorLine,
  bma360dLocateModes,
  parseBma360dRequest,
} from '@crosspoint/protocol';
import { Wire } from '../net/wire.ts';
import type { Random } from '../prng.ts';
import type { MicPort } from './mic-port.ts';

const reportIntervalMs = { 1: 1000, 2: 200 } as const;
const helpText = 'BEAMREPORT BREPORT BFZONE DANTEIP DANTEMAC GAIN MUTE LOCATE VERSION SERIAL HELP';

/** One TCP connection to a BMA 360D: a request line in, one reply line out (CRLF). */
export class MicSession {
  private readonly framer = new LineFramer({ maxLineBytes: 1024 });
  private readonly wire: Wire;
  private reportTimer: NodeJS.Timeout | undefined;
  private reportMode = 0;

  constructor(
    private readonly mic: MicPort,
    private readonly socket: Socket,
    rnd: Random,
  ) {
    this.wire = new Wire(socket, mic.wire, rnd);
    socket.on('data', (chunk: Buffer) => {
      for (const line of this.framer.push(chunk).lines) this.handle(line.trim());
    });
    if (mic.wire.hang) socket.pause();
  }

  sendLine(line: string): void {
    this.wire.write(`${line}\r\n`);
  }

  setHung(on: boolean): void {
    if (on) this.socket.pause();
    else this.socket.resume();
  }

  close(): void {
    if (this.reportTimer) clearInterval(this.reportTimer);
    this.reportTimer = undefined;
  }

  private setReporting(mode: number): void {
    this.close();
    this.reportMode = mode;
    if (mode === 1 || mode === 2)
      this.reportTimer = setInterval(() => {
        this.sendLine(bma360dDialect.beamReport.reply.format({ beams: this.mic.beamReport() }));
      }, reportIntervalMs[mode]);
  }

  private handle(text: string): void {
    if (!text) return;
    const line = this.answer(text);
    this.sendLine(line ?? bma360dErrorLine);
  }

  private answer(text: string): string | undefined {
    const req = parseBma360dRequest(text);
    const d = bma360dDialect;
    const mic = this.mic;
    switch (req?.name) {
      case undefined:
        return undefined;
      case 'beamReport':
        return d.beamReport.reply.format({ beams: mic.beamReport() });
      case 'beamReporting': {
        const mode = req.params.mode;
        if (mode !== undefined) {
          if (![0, 1, 2].includes(mode)) return undefined;
          this.setReporting(mode);
        }
        return d.beamReporting.reply.format({ mode: this.reportMode });
      }
      case 'zone': {
        const { beam, on } = req.params;
        if (!Number.isInteger(beam) || beam < 1 || beam > 12) return undefined;
        if (on !== undefined) mic.zones = on ? mic.zones | (1 << (beam - 1)) : mic.zones & ~(1 << (beam - 1));
        return d.zone.reply.format({ beam, on: ((mic.zones >> (beam - 1)) & 1) === 1 });
      }
      case 'danteIp':
        return d.danteIp.reply.format({ ip: mic.ip });
      case 'danteMac':
        return d.danteMac.reply.format({ mac: mic.mac });
      case 'gain':
      case 'mute':
        return this.level(req.name, req.params.channel, req.params.group, req.params.value);
      case 'locate': {
        const { mode } = req.params;
        if (mode !== undefined) {
          if (mode !== bma360dLocateModes.on && mode !== bma360dLocateModes.off) return undefined;
          mic.setLocate(mode === bma360dLocateModes.on, this);
        }
        return d.locate.reply.format({ name: req.params.name, mode: mic.locate ? 1 : 2 });
      }
      case 'help':
        return d.help.reply.format({ text: helpText });
      case 'version':
        return d.version.reply.format({ firmware: mic.firmware });
      case 'serial':
        return d.serial.reply.format({ serial: mic.serial });
    }
  }

  private level(
    kind: 'gain' | 'mute',
    channel: string,
    group: string,
    value: number | undefined,
  ): string | undefined {
    if (!/^(?:[1-9]|1[0-2])$/.test(channel) || !/^[A-Za-z]$/.test(group)) return undefined;
    const key = `${kind} ${channel} ${group.toUpperCase()}`;
    if (value !== undefined) {
      if (kind === 'gain' && (value < -65 || value > 20)) return undefined;
      if (kind === 'mute' && ![0, 1, 2].includes(value)) return undefined;
      const next = kind === 'mute' && value === 2 ? 1 - (this.mic.levels.get(key) ?? 0) : value;
      this.mic.levels.set(key, next);
    }
    const current = this.mic.levels.get(key) ?? 0;
    return bma360dDialect[kind].reply.format({ channel, group: group.toUpperCase(), value: current });
  }
}
