// Certificate rotation without a restart: the files are watched (polled by stat, which also sees a
// file replaced by a rename or a symbolic link moved, as certbot and Kubernetes secrets do), and a
// changed set is checked whole before new connections get it. A set that does not check out is
// refused with one log line and the one in use stays; the hub never stops over it.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Logger } from 'pino';
import {
  checkTlsFiles,
  readTlsFiles,
  tlsDigest,
  TlsFilesError,
  type CertificateSummary,
  type TlsFiles,
  type TlsMaterial,
} from './tls-certificates.ts';

export interface TlsReloaderTiming {
  /** How often the files' metadata is looked at (ms). */
  pollMs: number;
  /** After a change, quiet this long before reading: a certificate and its key are rarely written at once (ms). */
  settleMs: number;
}

export const defaultTlsReloaderTiming: TlsReloaderTiming = { pollMs: 2000, settleMs: 500 };

export type TlsReloadOutcome = 'applied' | 'unchanged' | 'refused';

export class TlsReloader {
  private current: TlsMaterial;
  /** What was last refused (code and digest or message): refused once, logged once. */
  private lastRefusal: string | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private chain: Promise<TlsReloadOutcome> = Promise.resolve('unchanged');
  private watching = false;
  private readonly onStat = (now: Stats, before: Stats) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.reload(), this.timing.settleMs);
    this.settleTimer.unref();
  };

  constructor(
    private readonly files: TlsFiles,
    initial: TlsMaterial,
    /** Puts a checked set in use for new connections (`server.setSecureContext`). */
    private readonly apply: (material: TlsMaterial) => void,
    private readonly logger: Logger,
    private readonly timing: TlsReloaderTiming = defaultTlsReloaderTiming,
    /** Told of each reload that changed something or was refused (metrics). */
    private readonly onOutcome: (outcome: 'applied' | 'refused') => void = () => undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.current = initial;
  }

  private paths(): string[] {
    return [this.files.cert, this.files.key, ...(this.files.ca === undefined ? [] : [this.files.ca])];
  }

  start(): void {
    if (this.watching) return;
    this.watching = true;
    for (const path of this.paths())
      watchFile(path, { interval: this.timing.pollMs, persistent: false }, this.onStat);
  }

  stop(): void {
    this.watching = false;
    clearTimeout(this.settleTimer);
    for (const path of this.paths()) unwatchFile(path, this.onStat);
  }

  /** The certificate new connections get. */
  inUse(): CertificateSummary {
    return this.current.certificate;
  }

  /** Reads the files now; one reload at a time. */
  reload(): Promise<TlsReloadOutcome> {
    const next = this.chain.then(() => this.reloadOnce());
    this.chain = next.catch((): TlsReloadOutcome => 'refused');
    return next;
  }

  private async reloadOnce(): Promise<TlsReloadOutcome> {
    let material: TlsMaterial;
    try {
      const options = await readTlsFiles(this.files);
      if (tlsDigest(options) === this.current.digest) {
        this.lastRefusal = undefined;
        return 'unchanged';
      }
      material = checkTlsFiles(this.files, options, this.clock());
      if (material.expired)
        throw new TlsFilesError(
          'TLS_CERT_EXPIRED',
          `the new TLS certificate ${this.files.cert} is valid from ${material.certificate.validFrom} to ${material.certificate.validTo}, not now`,
        );
      this.apply(material);
    } catch (e) {
      const code = e instanceof TlsFilesError ? e.code : 'TLS_CERT_INVALID';
      const message = (e as Error).message;
      const refusal = `${code} ${message}`;
      if (refusal !== this.lastRefusal)
        this.logger.error(
          { code, inUse: this.current.certificate },
          `TLS: the changed certificate files were refused (${code}): ${message}; the certificate in use stays`,
        );
      this.lastRefusal = refusal;
      this.onOutcome('refused');
      return 'refused';
    }
    this.lastRefusal = undefined;
    const previous = this.current.certificate;
    this.current = material;
    this.logger.info(
      { certificate: material.certificate, previous: previous.fingerprint256 },
      'TLS: certificate reloaded; new connections get it',
    );
    this.onOutcome('applied');
    return 'applied';
  }
}
