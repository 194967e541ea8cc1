import { fileURLToPath } from 'node:url';
import type { Server as HttpsServer } from 'node:https';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { HubConfig } from './config.ts';
import { openDatabase, type Database, type DatabaseTarget } from './db/open-database.ts';
import { createBus } from './bus/create-bus.ts';
import type { EventBus } from './bus/event-bus.ts';
import { createMetrics } from './adapters/metrics.ts';
import { openSealer, Sealer } from './adapters/sealer.ts';
import { InstallationRepository } from './repositories/installation.repository.ts';
import { SystemService } from './services/system.service.ts';
import { buildApp } from './app.ts';
import { hubVersion } from './version.ts';
import { composeServices, type HubServices, type ServiceSettings } from './compose-services.ts';
import type { Clock } from './services/context.ts';
import { deviceCountsByStatus } from './repositories/device.repository.ts';
import type { ThrottlePolicy } from './services/auth.service.ts';
import { HubPresenceRepository } from './repositories/hub-presence.repository.ts';
import { loadTlsMaterial, type TlsFiles, type TlsMaterial } from './http/tls-certificates.ts';
import { defaultTlsReloaderTiming, TlsReloader, type TlsReloaderTiming } from './http/tls-reloader.ts';
import { startHttpsRedirect, type HttpsRedirect } from './http/https-redirect.ts';
import {
  defaultHubPresenceTiming,
  HubPresence,
  type HubPresenceTiming,
} from './services/hub-presence.service.ts';

export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningHub {
  /** Base URL the hub listens on, e.g. http://127.0.0.1:8080 */
  url: string;
  app: FastifyInstance;
  database: Database;
  bus: EventBus;
  services: HubServices;
  /** With HTTPS: the certificate in use, and `reload()` to read the files now (they are also watched). */
  tls: TlsReloader | undefined;
  /** With `httpRedirectPort`: the plain-HTTP port that redirects to HTTPS. */
  httpRedirect: HttpsRedirect | undefined;
  close(): Promise<void>;
}

export interface StartHubOptions {
  logger?: Logger;
  /** Overrides the database target (tests pass an in-memory PGlite). */
  database?: DatabaseTarget;
  /** Test hooks: a movable clock, a tighter sign-in throttle. */
  clock?: Clock;
  throttle?: ThrottlePolicy;
  /** Alert engine and sender timings (tests shorten them). */
  alerts?: ServiceSettings['alerts'];
  /** How long a job stays leased to the hub dispatching it (tests shorten it). */
  jobLeaseMs?: number;
  /** SMS number verification timings (tests shorten them). */
  smsVerification?: ServiceSettings['smsVerification'];
  /** File transfer limits (tests lower them). */
  fileLimits?: ServiceSettings['fileLimits'];
  /** Configuration versions' sweep and backups before changes (test hubs: no timed sweep, no backup before firmware). */
  configurations?: ServiceSettings['configurations'];
  /** How often open live-events streams re-check their credentials (tests shorten it). */
  liveAccessCheckMs?: number;
  /** How often the enterprise license's expiry is checked (ms; tests pass 0 and call checkAll). */
  licenseCheckEveryMs?: number;
  /** How often the firmware campaign engine runs (ms; tests pass 0 and run it themselves). */
  campaignTickMs?: number;
  /** COLLABORATE Space: cloud address, dashboard cache, timeout (tests: no cache). */
  collaborateSpace?: ServiceSettings['collaborateSpace'];
  /** Hub liveness: beat interval and the silence after which a hub is gone (tests shorten them). */
  presence?: Partial<HubPresenceTiming>;
  /** How often the kept dashboard counts are checked against the database (ms; 0: only after a bus gap). */
  countCheckMs?: number;
  /** How the certificate files are watched (tests shorten it). */
  tlsWatch?: Partial<TlsReloaderTiming>;
}

/** The certificate files of the configuration, when the hub serves HTTPS. */
export function tlsFilesOf(config: HubConfig): TlsFiles | undefined {
  return config.tlsCert !== undefined && config.tlsKey !== undefined
    ? { cert: config.tlsCert, key: config.tlsKey, ca: config.tlsCa }
    : undefined;
}

/** The public URL this hub uses: the installation's, stored by the first hub given one; a different one is refused. */
async function installationPublicUrl(
  installation: InstallationRepository,
  config: HubConfig,
): Promise<string> {
  const stored = await installation.publicUrl(config.publicUrl);
  if (config.publicUrl && stored && stored !== config.publicUrl)
    throw new Error(
      `This installation's public URL is ${stored} (stored by the first hub started with --public-url); ` +
        `this hub was given ${config.publicUrl}. Every hub of an installation sends the same links: start it ` +
        `with --public-url ${stored}, or change the stored one (docs/high-availability.md).`,
    );
  return stored ?? `${tlsFilesOf(config) ? 'https' : 'http'}://${config.host}:${config.port}`;
}

export function databaseTarget(config: HubConfig): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: resolve(config.dataDir) };
}

/** Composition root of the hub: config → database → bus → services → app → listen. */
export async function startHub(config: HubConfig, options: StartHubOptions = {}): Promise<RunningHub> {
  const logger = options.logger ?? pino({ level: config.logLevel, name: 'hub' });
  const startedAt = new Date();
  // Certificate problems stop the hub before anything else opens (TlsFilesError, with a code).
  const tlsFiles = tlsFilesOf(config);
  const tls: TlsMaterial | undefined = tlsFiles ? await loadTlsMaterial(tlsFiles) : undefined;
  if (tls?.expired)
    logger.error(
      { certificate: tls.certificate },
      `TLS: the certificate ${tlsFiles?.cert ?? ''} is not valid now (valid ${tls.certificate.validFrom} to ${tls.certificate.validTo}): browsers and agents will refuse it; replace the files (they are read again when they change)`,
    );
  let tlsReloader: TlsReloader | undefined;
  let httpRedirect: HttpsRedirect | undefined;
  const database = await openDatabase(options.database ?? databaseTarget(config));
  let bus: EventBus | undefined;
  let app: FastifyInstance | undefined;
  let services: HubServices | undefined;
  let presenceTimer: NodeJS.Timeout | undefined;
  let countTimer: NodeJS.Timeout | undefined;
  let hubPresence: HubPresence | undefined;
  let offReconnect: (() => void) | undefined;
  try {
    bus = await createBus(config.natsUrl);
    const busRef = bus;
    const installationRepo = new InstallationRepository(database.db);
    const installation = await installationRepo.ensure();
    const publicUrl = await installationPublicUrl(installationRepo, config);
    const metrics = createMetrics();
    const system = new SystemService({
      version: hubVersion,
      startedAt,
      installation,
      database: database.kind,
      bus: bus.kind,
      dependencies: [
        { name: 'database', ping: () => database.ping() },
        { name: 'bus', ping: () => busRef.ping() },
      ],
    });
    // An in-memory database (tests) needs no lasting key.
    const inMemory = options.database?.kind === 'pglite' && options.database.dataDir === null;
    // The key lives beside the data: in the embedded database's folder when there is one.
    const keyDir =
      options.database?.kind === 'pglite' && options.database.dataDir
        ? options.database.dataDir
        : resolve(config.dataDir);
    const sealer =
      inMemory && !config.secretKey
        ? new Sealer(randomBytes(32))
        : await openSealer(keyDir, config.secretKey);
    services = composeServices(database.db, {
      bus,
      sealer,
      smtpAllowPrivate: config.smtpAllowPrivate,
      publicUrl,
      smtpUrl: config.smtpUrl,
      mailFrom: config.mailFrom,
      smsUrl: config.smsUrl,
      smsToken: config.smsToken,
      webhookAllowPrivate: config.webhookAllowPrivate,
      apiTokenDefaultDays: config.apiTokenDefaultDays,
      historyRetention: { months: config.historyRetentionMonths },
      fileQuotaMb: config.fileQuotaMb,
      agentFile: config.agentFile,
      alerts: {
        ...options.alerts,
        engine: {
          quietS: config.alertQuietS,
          resyncGraceMs: config.alertResyncGraceS * 1000,
          ...options.alerts?.engine,
        },
      },
      licensePublicKeys: config.licensePublicKey ? [config.licensePublicKey] : [],
      trial: { enabled: config.trialSignup, days: config.trialDays, maxDevices: config.trialMaxDevices },
      license: {
        graceDays: config.licenseGraceDays,
        ...(options.licenseCheckEveryMs !== undefined ? { checkEveryMs: options.licenseCheckEveryMs } : {}),
      },
      logger,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.throttle ? { throttle: options.throttle } : {}),
      ...(options.jobLeaseMs ? { jobLeaseMs: options.jobLeaseMs } : {}),
      ...(options.smsVerification ? { smsVerification: options.smsVerification } : {}),
      ...(options.fileLimits ? { fileLimits: options.fileLimits } : {}),
      ...(options.campaignTickMs !== undefined ? { campaignTickMs: options.campaignTickMs } : {}),
      ...(options.configurations ? { configurations: options.configurations } : {}),
      ...(options.collaborateSpace ? { collaborateSpace: options.collaborateSpace } : {}),
    });
    const sealedNow = await services.alerts.sealLegacyWebhookSecrets();
    if (sealedNow > 0) logger.info({ webhooks: sealedNow }, 'sealed the signing secrets of older webhooks');
    metrics.setDeviceCounts(() => deviceCountsByStatus(database.db));
    metrics.setBusState(() => busRef.state());
    app = await buildApp({
      version: hubVersion,
      logger,
      webDir: config.webDir ?? defaultWebDir,
      system,
      metrics,
      services,
      secureCookies: publicUrl.startsWith('https://'),
      serverId: installation.id,
      liveAccessCheckMs: options.liveAccessCheckMs,
      https: tls?.options,
    });
    await app.listen({ host: config.host, port: config.port });
    if (tls && tlsFiles) {
      // Fastify made an https.Server (the `https` option): new connections take the new context.
      const server = app.server as unknown as HttpsServer;
      const reloader = new TlsReloader(
        tlsFiles,
        tls,
        (m) => server.setSecureContext(m.options),
        logger,
        { ...defaultTlsReloaderTiming, ...options.tlsWatch },
        (outcome) => metrics.tlsReloads.inc({ outcome }),
      );
      metrics.setTlsCertificate(() => reloader.inUse());
      reloader.start();
      tlsReloader = reloader;
      if (config.httpRedirectPort !== undefined) {
        const listening = app.server.address();
        httpRedirect = await startHttpsRedirect({
          host: config.host,
          port: config.httpRedirectPort,
          httpsPort: typeof listening === 'object' && listening ? listening.port : config.port,
          publicOrigin: config.publicUrl ? new URL(config.publicUrl).origin : undefined,
        });
      }
      logger.info({ certificate: tls.certificate }, 'TLS: serving HTTPS and the agent link over wss');
    }
    services.mail.start();
    const linkServices = services;
    presenceTimer = setInterval(() => {
      linkServices.link
        .expireSilent()
        .catch((e: unknown) => logger.error({ err: e }, 'agent presence check failed'));
    }, 15_000);
    presenceTimer.unref();
    const clock = options.clock ?? (() => new Date());
    hubPresence = new HubPresence(
      new HubPresenceRepository(database.db),
      linkServices.link,
      clock,
      { ...defaultHubPresenceTiming, ...options.presence },
      (e) => logger.error({ err: e }, 'hub presence failed'),
      (hubIds, orgs) => logger.warn({ hubs: hubIds, orgs }, 'hubs gone: their agents are shown Disconnected'),
    );
    await hubPresence.start();
    // Kept counts are only hints: checked against the database after a bus gap and periodically.
    const checkCounts = (why: string) =>
      linkServices.devices
        .verifySummaries()
        .then((orgs) => {
          if (orgs.length === 0) return;
          metrics.countCorrections.inc(orgs.length);
          logger.warn({ orgs, why }, 'dashboard counts differed from the database: corrected');
        })
        .catch((e: unknown) => logger.error({ err: e }, 'checking dashboard counts failed'));
    offReconnect = bus.onReconnect(() => {
      metrics.busReconnects.inc();
      const streams = linkServices.live.refreshLocal();
      logger.warn({ bus: busRef.state(), streams }, 'bus back: counts checked, open screens refetch');
      void checkCounts('bus gap');
    });
    const countCheckMs = options.countCheckMs ?? 60_000;
    if (countCheckMs > 0) {
      countTimer = setInterval(() => void checkCounts('periodic'), countCheckMs);
      countTimer.unref();
    }
    await services.devices.start();
    services.commands.start();
    await services.alertEngine.start();
    services.alertDeliveries.start();
    await services.licenses.start();
    await services.usage.start();
    await services.billingSweep.start();
    void services.historyRetention.start(); // in the background: a first run may sum up many days
    await services.campaignTicks.start();
    await services.configurations.start();
  } catch (e) {
    tlsReloader?.stop();
    await httpRedirect?.close();
    offReconnect?.();
    clearInterval(countTimer);
    clearInterval(presenceTimer);
    await hubPresence?.stop().catch(() => undefined);
    await services?.configurations.stop().catch(() => undefined);
    await services?.billingSweep.stop().catch(() => undefined);
    await services?.historyRetention.stop().catch(() => undefined);
    await services?.campaignTicks.stop().catch(() => undefined);
    services?.devices.stop();
    await services?.licenses.stop().catch(() => undefined);
    await services?.usage.stop().catch(() => undefined);
    services?.commands.stop();
    await services?.alertEngine.stop().catch(() => undefined);
    await services?.alertDeliveries.stop().catch(() => undefined);
    services?.orgMailers.close();
    await services?.mail.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const runningApp = app;
  const runningBus = bus;
  const runningServices = services;
  const runningPresence = hubPresence;
  let closing: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    app: runningApp,
    database,
    bus: runningBus,
    services: runningServices,
    tls: tlsReloader,
    httpRedirect,
    close: () =>
      (closing ??= (async () => {
        tlsReloader?.stop();
        await httpRedirect?.close();
        clearInterval(presenceTimer);
        clearInterval(countTimer);
        offReconnect();
        runningServices.commands.stop();
        // Jobs are handed back before the links close: closing can take a while, and a process
        // killed meanwhile would leave them to their leases.
        const handBack = () =>
          runningServices.commands
            .releaseLeases()
            .catch((e: unknown) => logger.error({ err: e }, 'handing back jobs failed'));
        await handBack();
        await runningApp.close();
        await handBack();
        await runningPresence.stop();
        runningServices.devices.stop();
        await runningServices.licenses.stop();
        await runningServices.usage.stop();
        await runningServices.billingSweep.stop();
        await runningServices.historyRetention.stop();
        await runningServices.campaignTicks.stop();
        await runningServices.campaignEngine.releaseLeases().catch(() => undefined);
        await runningServices.configurations.stop();
        await runningServices.alertEngine.stop();
        await runningServices.alertDeliveries.stop();
        runningServices.orgMailers.close();
        await runningServices.mail.stop();
        await runningBus.close();
        await database.close();
      })()),
  };
}
