import { Compile } from 'typebox/compile';
import { VideoCodecStatus, videoStatusPath } from '@crosspoint/protocol';
import type { ByteStream, Dialer } from '../byte-stream.ts';
import { cleanCodecStatus } from '../device-text.ts';

const check = Compile(VideoCodecStatus);
const maxResponse = 64 * 1024;
const headerEnd = Buffer.from('\r\n\r\n');

interface InFlight {
  resolve: (status: VideoCodecStatus) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One kept-alive HTTP/1.1 connection to a codec for its JSON status (video-api.ts): the same GET,
 * encoded once, and a small response reader (status line; a Content-Length, chunked or
 * close-delimited body). Node's http client (ClientRequest, Agent, IncomingMessage streams) cost
 * two to three telnet keep-alives a request, and every codec is polled each second. Any failure
 * (refused, closed, timeout, oversize, bad shape) rejects and closes the connection; the next
 * `fetch` dials again.
 */
export class CodecStatusConnection {
  private readonly request: Buffer;
  private stream: ByteStream | undefined;
  private received = Buffer.alloc(0);
  private inFlight: InFlight | undefined;
  private closed = false;

  /** `onIdleClose`: the kept-alive connection closed between requests (codec gone, RST). */
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly dial: Dialer,
    private readonly onIdleClose: () => void = () => undefined,
  ) {
    this.request = Buffer.from(
      `GET ${videoStatusPath} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: application/json\r\n\r\n`,
      'latin1',
    );
  }

  /** The codec's status; rejects on any failure within `timeoutMs` (connecting included). */
  async fetch(timeoutMs: number): Promise<VideoCodecStatus> {
    if (this.inFlight) throw new Error('a status request is already in flight');
    const startedAt = Date.now();
    const stream = this.stream ?? (await this.connect(timeoutMs));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.fail(new Error(`no status within ${timeoutMs} ms`));
        },
        Math.max(1, timeoutMs - (Date.now() - startedAt)),
      );
      this.inFlight = { resolve, reject, timer };
      this.received = Buffer.alloc(0);
      stream.write(this.request);
    });
  }

  close(): void {
    this.closed = true;
    this.drop();
  }

  private async connect(timeoutMs: number): Promise<ByteStream> {
    const stream = await this.dial(this.host, this.port, timeoutMs);
    if (this.closed) {
      stream.destroy();
      throw new Error('the status connection is closed');
    }
    this.stream = stream;
    stream.on('data', (chunk) => {
      if (stream === this.stream) this.receive(chunk);
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      if (stream !== this.stream) return;
      this.stream = undefined;
      if (this.inFlight) this.onClosed();
      else if (!this.closed) this.onIdleClose();
    });
    return stream;
  }

  private receive(chunk: Buffer): void {
    if (!this.inFlight) {
      this.fail(new Error('the codec sent bytes nobody asked for'));
      return;
    }
    this.received = Buffer.concat([this.received, chunk]);
    if (this.received.length > maxResponse) {
      this.fail(new Error('status response too large'));
      return;
    }
    const response = parseResponse(this.received, false);
    if (response) this.complete(response);
  }

  /** The connection closed with a request in flight: a close-delimited body ends here, else a failure. */
  private onClosed(): void {
    const response = parseResponse(this.received, true);
    if (response) this.complete(response);
    else this.fail(new Error('the codec closed the connection'));
  }

  private complete({ code, body, keepAlive }: Response): void {
    if (!keepAlive) this.drop();
    try {
      if (code !== 200) throw new Error(`status answered HTTP ${code}`);
      const status: unknown = JSON.parse(body.toString('utf8'));
      if (!check.Check(status)) throw new Error('status body is not a VideoCodecStatus');
      this.settle()?.resolve(cleanCodecStatus(status));
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private fail(error: Error): void {
    this.drop();
    this.settle()?.reject(error);
  }

  private settle(): InFlight | undefined {
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    if (inFlight) clearTimeout(inFlight.timer);
    this.received = Buffer.alloc(0);
    return inFlight;
  }

  private drop(): void {
    const stream = this.stream;
    this.stream = undefined;
    stream?.destroy();
  }
}

interface Response {
  code: number;
  body: Buffer;
  keepAlive: boolean;
}

/**
 * The whole HTTP/1.1 response in `bytes`, or undefined while more is needed (`ended`: the peer
 * closed, nothing more comes). A malformed or cut-off response gets code 0.
 */
export function parseResponse(bytes: Buffer, ended: boolean): Response | undefined {
  const end = bytes.indexOf(headerEnd);
  if (end < 0) return ended ? { code: 0, body: Buffer.alloc(0), keepAlive: false } : undefined;
  const [statusLine = '', ...fields] = bytes.toString('latin1', 0, end).split('\r\n');
  const code = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const header = (name: string): string | undefined =>
    fields
      .find((f) => f.slice(0, f.indexOf(':')).trim().toLowerCase() === name)
      ?.slice(name.length + 1)
      .trim()
      .toLowerCase();
  const keepAlive = header('connection') !== 'close' && !statusLine.startsWith('HTTP/1.0');
  const rest = bytes.subarray(end + headerEnd.length);
  if (header('transfer-encoding')?.endsWith('chunked')) {
    const body = dechunk(rest);
    return body ? { code, body, keepAlive } : ended ? { code: 0, body: rest, keepAlive: false } : undefined;
  }
  const length = header('content-length');
  if (length === undefined) return ended ? { code, body: rest, keepAlive: false } : undefined;
  const size = Number(length);
  if (!Number.isInteger(size) || size < 0) return { code: 0, body: rest, keepAlive: false };
  if (rest.length >= size) return { code, body: rest.subarray(0, size), keepAlive };
  return ended ? { code: 0, body: rest, keepAlive: false } : undefined;
}

/** The body of a chunked transfer once its last (zero) chunk and trailer are in, else undefined. */
function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) return Buffer.alloc(0); // malformed: an empty body fails the JSON check
    if (size === 0) return bytes.indexOf(headerEnd, lineEnd) >= 0 ? Buffer.concat(parts) : undefined;
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
