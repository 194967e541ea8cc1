import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { Compile } from 'typebox/compile';
import { VideoCodecStatus, videoStatusPath } from '@crosspoint/protocol';

const check = Compile(VideoCodecStatus);
const maxBody = 64 * 1024;

/**
 * Reads a codec's HTTP JSON status (video-api.ts); rejects on any failure, timeout, oversize or bad
 * shape. `onSocket` sees the (kept-alive) connection the request went over.
 */
export function fetchCodecStatus(
  host: string,
  port: number,
  timeoutMs: number,
  agent?: Agent,
  onSocket?: (socket: Socket) => void,
): Promise<VideoCodecStatus> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: videoStatusPath, method: 'GET', agent, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) req.destroy(new Error('status body too large'));
        else chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`status answered HTTP ${res.statusCode ?? '?'}`));
          return;
        }
        try {
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (!check.Check(body)) throw new Error('status body is not a VideoCodecStatus');
          resolve(body);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      res.on('error', reject);
    });
    if (onSocket) req.once('socket', onSocket);
    req.on('timeout', () => req.destroy(new Error(`no status within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
