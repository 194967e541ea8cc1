import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import { startChild } from '../lib/child-program.ts';
import { createBenchDatabase } from '../lib/postgres.ts';
import { sampleProcess, type ProcessUsage } from '../lib/process-sampler.ts';
import { round } from '../lib/stats.ts';
import type { Scenario } from '../lib/scenario.ts';

const mib = 1024 * 1024;

interface Moved {
  ok: boolean;
  sha256: string;
  ms: number;
  detail?: string;
}

/** Uploads `sizeMiB` of random bytes with its size declared, honouring back-pressure; hashes what it sends. */
function upload(url: string, token: string, name: string, sizeMiB: number): Promise<Moved & { id?: string }> {
  const started = performance.now();
  const hash = createHash('sha256');
  return new Promise((resolve) => {
    const req = request(`${url}?name=${encodeURIComponent(name)}&kind=firmware`, {
      method: 'POST',
      agent: false,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(sizeMiB * mib),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        const ms = performance.now() - started;
        const sent = hash.digest('hex');
        if (res.statusCode !== 201) {
          resolve({ ok: false, sha256: sent, ms, detail: `${String(res.statusCode)} ${text.slice(0, 200)}` });
          return;
        }
        const info = JSON.parse(text) as { id: string; sha256: string };
        resolve({
          ok: info.sha256 === sent,
          sha256: sent,
          ms,
          id: info.id,
          ...(info.sha256 === sent ? {} : { detail: 'hash differs' }),
        });
      });
    });
    req.on('error', (e) =>
      resolve({ ok: false, sha256: '', ms: performance.now() - started, detail: e.message }),
    );
    void (async () => {
      for (let i = 0; i < sizeMiB; i++) {
        const chunk = randomBytes(mib);
        hash.update(chunk);
        if (!req.write(chunk)) await once(req, 'drain');
      }
      req.end();
    })();
  });
}

/** Downloads a file, hashing it as it streams (nothing kept). */
async function download(url: string, token: string): Promise<Moved> {
  const started = performance.now();
  const hash = createHash('sha256');
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok || !res.body)
      return { ok: false, sha256: '', ms: performance.now() - started, detail: String(res.status) };
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) hash.update(chunk);
    return { ok: true, sha256: hash.digest('hex'), ms: performance.now() - started };
  } catch (e) {
    return { ok: false, sha256: '', ms: performance.now() - started, detail: (e as Error).message };
  }
}

const peakMiB = (u: ProcessUsage) => u.rssMiB.max;

/**
 * The hub keeps files (firmware images, projects, backups) in PostgreSQL and streams them in and out
 * a chunk at a time. Measured: the hub process's RSS (sampled from /proc every 100 ms) while 8 files
 * of 120 MB (16 MB quick) go up at once, then come back down at once, against the same hub idle;
 * throughput; every file's SHA-256 checked both ways. Baseline: one file alone, same run. Lost: a
 * transfer that failed or a file that came back different.
 */
export const fileTransferScenario: Scenario = {
  name: 'file-transfer',
  description: 'hub memory while 8 large files go up and down at once (streamed, chunked in PostgreSQL)',
  async run({ quick, log }) {
    const config = { parallel: 8, fileMiB: quick ? 16 : 120 };
    const db = await createBenchDatabase('file_transfer');
    const hub = await startChild(
      'bench/programs/hub.ts',
      ['--database-url', db.url, '--admin-token'],
      /hub ready (\{.*\})$/,
      { timeoutMs: 120_000 },
    );
    try {
      const ready = JSON.parse(hub.ready) as { url: string; orgId: string; adminToken: string };
      const files = `${ready.url}/api/v1/orgs/${ready.orgId}/files`;
      log(
        `hub on PostgreSQL ${db.version}; ${String(config.parallel)} files of ${String(config.fileMiB)} MiB`,
      );

      const idleSampler = sampleProcess(hub.pid, 100);
      await new Promise((r) => setTimeout(r, 2000));
      const idle = await idleSampler.stop();

      const alone = await upload(files, ready.adminToken, 'alone.bin', config.fileMiB);
      const aloneDown: Moved = alone.id
        ? await download(`${files}/${alone.id}`, ready.adminToken)
        : { ok: false, sha256: '', ms: 0 };
      log(`one file alone: up ${round(alone.ms)} ms, down ${round(aloneDown.ms)} ms`);

      const upSampler = sampleProcess(hub.pid, 100);
      const upStarted = performance.now();
      const ups = await Promise.all(
        Array.from({ length: config.parallel }, (_, i) =>
          upload(files, ready.adminToken, `f${String(i)}.bin`, config.fileMiB),
        ),
      );
      const upMs = performance.now() - upStarted;
      const upUsage = await upSampler.stop();

      const downSampler = sampleProcess(hub.pid, 100);
      const downStarted = performance.now();
      const downs = await Promise.all(
        ups.map((u) =>
          u.id
            ? download(`${files}/${u.id}`, ready.adminToken)
            : Promise.resolve<Moved>({ ok: false, sha256: '', ms: 0 }),
        ),
      );
      const downMs = performance.now() - downStarted;
      const downUsage = await downSampler.stop();

      const failed = [...ups, ...downs, alone, aloneDown].filter((m) => !m.ok);
      const mismatched =
        ups.filter((u, i) => {
          const d = downs[i];
          return u.ok && d?.ok === true && d.sha256 !== u.sha256;
        }).length + (alone.ok && aloneDown.ok && alone.sha256 !== aloneDown.sha256 ? 1 : 0);
      for (const f of failed.slice(0, 5)) log(`failed: ${f.detail ?? '?'}`);
      const totalMiB = config.parallel * config.fileMiB;
      const idleMiB = idle.rssMiB.p50;
      const growthUp = peakMiB(upUsage) - idleMiB;
      const growthDown = peakMiB(downUsage) - idleMiB;
      const bound = 128;
      return {
        config,
        figures: {
          idleRssMiB: idle.rssMiB,
          uploadRssMiB: upUsage.rssMiB,
          downloadRssMiB: downUsage.rssMiB,
          rssGrowthUploadMiB: growthUp,
          rssGrowthDownloadMiB: growthDown,
          uploadMiBps: totalMiB / (upMs / 1000),
          downloadMiBps: totalMiB / (downMs / 1000),
          hubCpuUploadPercent: upUsage.cpuPercentOfOneCore,
          hubCpuDownloadPercent: downUsage.cpuPercentOfOneCore,
        },
        baseline: {
          description: 'one file alone, up then down, same run',
          figures: { aloneUpMs: alone.ms, aloneDownMs: aloneDown.ms },
        },
        ratios: {
          parallelUpVsAlone: upMs / alone.ms,
          parallelDownVsAlone: downMs / Math.max(1, aloneDown.ms),
          rssGrowthVsBytesInFlight: Math.max(growthUp, growthDown) / totalMiB,
        },
        targets: [
          {
            name: `hub RSS growth while ${String(config.parallel)} files of ${String(config.fileMiB)} MiB move at once`,
            target: `≤ ${String(bound)} MiB`,
            measured: round(Math.max(growthUp, growthDown)),
            unit: 'MiB',
            met: Math.max(growthUp, growthDown) <= bound,
          },
        ],
        lost: failed.length + mismatched,
        table: [
          [
            'hub RSS idle / peak up / peak down',
            `${round(idleMiB)} / ${round(peakMiB(upUsage))} / ${round(peakMiB(downUsage))} MiB`,
          ],
          [
            `${String(config.parallel)} × ${String(config.fileMiB)} MiB up`,
            `${round(upMs / 1000)} s (${round(totalMiB / (upMs / 1000))} MiB/s; one alone ${round(alone.ms / 1000)} s)`,
          ],
          [
            `${String(config.parallel)} × ${String(config.fileMiB)} MiB down`,
            `${round(downMs / 1000)} s (${round(totalMiB / (downMs / 1000))} MiB/s; one alone ${round(aloneDown.ms / 1000)} s)`,
          ],
          ['failed / came back different', `${String(failed.length)} / ${String(mismatched)}`],
        ],
      };
    } finally {
      await hub.stop().catch(() => undefined);
      await db.drop();
    }
  },
};
