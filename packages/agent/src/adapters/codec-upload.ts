import { request } from 'node:http';
import { videoFirmwarePath } from '@crosspoint/protocol';

/**
 * Sends a firmware image to a COLLABORATE Live codec: `POST <videoFirmwarePath>` with the image as
 * the body [G: the codec's HTTP API is not public]. Resolves when the codec accepted it (202);
 * rejects with its answer otherwise, or when nothing came back within `timeoutMs`.
 */
export function uploadCodecFirmware(
  host: string,
  port: number,
  image: Uint8Array,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        method: 'POST',
        path: videoFirmwarePath,
        headers: { 'content-type': 'application/octet-stream', 'content-length': image.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (chunks.length < 16) chunks.push(c);
        });
        res.on('end', () => {
          if (res.statusCode === 202) resolve();
          else
            reject(
              new Error(
                `the codec answered ${String(res.statusCode)}: ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
              ),
            );
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`the codec did not answer within ${String(timeoutMs)} ms`)),
    );
    req.on('error', reject);
    req.end(image);
  });
}
