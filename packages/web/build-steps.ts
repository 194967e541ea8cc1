import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing: text. Images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside each text file of
 * `dir`, each only when smaller than the file itself, so the hub sends them as they are instead of
 * compressing on every request. Returns the files compressed.
 */
export function precompressFiles(dir: string): string[] {
  const done: string[] = [];
  for (const file of filesUnder(dir)) {
    if (!compressible.test(file)) continue;
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    done.push(file);
  }
  return done;
}

/** Moves every `*.map` of `from` to the same place under `to` (emptied first). */
export function moveSourceMaps(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  for (const file of filesUnder(from).filter((f) => f.endsWith('.map'))) {
    const target = join(to, relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    renameSync(file, target);
  }
}

/**
 * The last step of `vite build`: source maps out of the served folder (to `sourcemapDir`, for
 * reading a reported stack trace; the bundles carry no `sourceMappingURL`, see `sourcemap: 'hidden'`),
 * then every text file precompressed for the hub.
 */
export function shipBuild({ sourcemapDir }: { sourcemapDir: string }): Plugin {
  let outDir = '';
  return {
    name: 'crosspoint-ship-build',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler(error) {
        if (error) return;
        moveSourceMaps(outDir, sourcemapDir);
        precompressFiles(outDir);
      },
    },
  };
}
