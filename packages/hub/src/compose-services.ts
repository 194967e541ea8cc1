import type { Logger } from 'pino';
import type { Db } from './db/open-database.ts';
import { createPasswordHasher } from './adapters/password-hasher.ts';
import { createStrengthMeter } from './adapters/password-strength.ts';
import { createMailer } from './adapters/mailer.ts';
import { OrganizationRepository } from './repositories/organization.repository.ts';
import { UserRepository } from './repositories/user.repository.ts';
import { CredentialRepository } from './repositories/credential.repository.ts';
import { AuditRepository } from './repositories/audit.repository.ts';
import { LocationRepository } from './repositories/location.repository.ts';
import { AgentAccountRepository } from './repositories/agent-account.repository.ts';
import { OutboxRepository } from './repositories/outbox.repository.ts';
import { AccessService } from './services/access.service.ts';
import { AuditService } from './services/audit.service.ts';
import { CompatibleApiService } from './services/compatible-api.service.ts';
import { TwoFactorService } from './services/two-factor.service.ts';
import { TwoFactorRepository } from './repositories/two-factor.repository.ts';
import { AuthService, type ThrottlePolicy } from './services/auth.service.ts';
import { BootstrapService } from './services/bootstrap.service.ts';
import { LocationService } from './services/location.service.ts';
import { MailService } from './services/mail.service.ts';
import { OrganizationService } from './services/organization.service.ts';
import { PasswordService } from './services/password.service.ts';
import { ServerService } from './services/server.service.ts';
import { TokenService } from './services/token.service.ts';
import { UserService } from './services/user.service.ts';
import { systemClock, type Clock } from './services/context.ts';
import type { EventBus } from './bus/event-bus.ts';
import { DeviceIngestRepository } from './repositories/device-ingest.repository.ts';
import { DeviceRepository } from './repositories/device.repository.ts';
import { DeviceService } from './services/device.service.ts';
import { AgentLinkService } from './services/agent-link.service.ts';
import { agentControlSubject, CommandService } from './services/command.service.ts';
import { CommandFileService, defaultFileLimits, type FileLimits } from './services/command-file.service.ts';
import { CommandFileRepository } from './repositories/command-file.repository.ts';
import { JobRepository } from './repositories/job.repository.ts';
import { defaultLicenseTiming, LicenseService, type LicenseTiming } from './services/license.service.ts';
import { LicenseRepository } from './repositories/license.repository.ts';
import { createLicenseVerifier } from './adapters/license-signature.ts';
import { createSmsSender, type SmsSender } from './adapters/sms.ts';
import type { Sealer } from './adapters/sealer.ts';
import { SmsVerificationRepository } from './repositories/sms-verification.repository.ts';
import { OrgSmtpRepository } from './repositories/org-smtp.repository.ts';
import {
  defaultSmsVerificationTuning,
  SmsNumberService,
  type SmsVerificationTuning,
} from './services/sms-number.service.ts';
import { OrgMailers } from './services/org-mailers.ts';
import { openWebhookSecret } from './services/sealed-secrets.ts';
import { OrgSmtpService } from './services/org-smtp.service.ts';
import { createWebhookSender } from './adapters/webhook.ts';
import { AlertConfigRepository } from './repositories/alert-config.repository.ts';
import { AlertIncidentRepository } from './repositories/alert-incident.repository.ts';
import { AlertDeliveryRepository } from './repositories/alert-delivery.repository.ts';
import {
  AlertEngine,
  defaultEngineTuning,
  type AlertEngineTuning,
} from './services/alerts/alert-engine.service.ts';
import {
  AlertDeliveryService,
  defaultDeliveryTuning,
  type DeliveryTuning,
} from './services/alerts/alert-delivery.service.ts';
import { AlertService } from './services/alerts/alert.service.ts';
import { LiveEvents } from './services/live-events.ts';
import { Rollups } from './services/rollups.ts';
import { ClientAttachmentService } from './services/client-attachment.service.ts';
import { TrialSignupService, type TrialTerms } from './services/trial-signup.service.ts';
import { UsageRepository } from './repositories/usage.repository.ts';
import { defaultUsageTickMs, UsageService } from './services/usage/usage.service.ts';
import { BillingRepository } from './repositories/billing.repository.ts';
import {
  BillingService,
  defaultBillingTickMs,
  invoicePdfAttachment,
} from './services/billing/billing.service.ts';
import { PeriodicTask } from './services/serial-runner.ts';
import {
  defaultHistoryRetention,
  HistoryRetention,
  type HistoryRetentionSettings,
} from './services/history-retention.ts';
import { StatusHistoryRepository } from './repositories/status-history.repository.ts';
import { DeviceAvailabilityService } from './services/device-availability.service.ts';
import { InvoiceWebhooks } from './services/billing/invoice-webhooks.ts';
import { renderInvoicePdf } from './adapters/invoice-pdf.ts';
import { createLdapDirectory } from './adapters/ldap-directory.ts';
import { DirectoryRepository } from './repositories/directory.repository.ts';
import { DirectoryService } from './services/directory.service.ts';
import { createOAuthClient } from './adapters/oauth-client.ts';
import { OidcRepository } from './repositories/oidc.repository.ts';
import { OidcSignInService } from './services/oidc-sign-in.service.ts';
import { createCollaborateSpaceClient, csCloudBaseUrl } from './adapters/collaborate-space.ts';
import { CollaborateSpaceRepository } from './repositories/collaborate-space.repository.ts';
import { CollaborateSpaceService } from './services/collaborate-space.service.ts';
import { AgentBuildService, defaultAgentFile } from './services/agent-build.service.ts';
import { FirmwarePackageRepository } from './repositories/firmware-package.repository.ts';
import { FirmwareCampaignRepository } from './repositories/firmware-campaign.repository.ts';
import { FirmwareCatalogService } from './services/firmware/firmware-catalog.service.ts';
import { CampaignService } from './services/firmware/campaign.service.ts';
import { CampaignEngine } from './services/firmware/campaign-engine.ts';
import { CampaignNotifier } from './services/firmware/campaign-notifier.ts';
import { renderCampaignReportPdf } from './adapters/campaign-report-pdf.ts';
import { ConfigurationRepository } from './repositories/configuration.repository.ts';
import {
  ConfigurationService,
  defaultConfigurationTuning,
  type ConfigurationTuning,
} from './services/configurations/configuration.service.ts';
import { ConversationRepository } from './repositories/conversation.repository.ts';
import { PresenceRepository } from './repositories/presence.repository.ts';
import { CallSettingsRepository } from './repositories/call-settings.repository.ts';
import {
  ConversationService,
  defaultConversationLimits,
  type ConversationLimits,
} from './services/communications/conversation.service.ts';
import {
  defaultPresenceTuning,
  PresenceService,
  type PresenceTuning,
} from './services/communications/presence.service.ts';
import { CallSignalService } from './services/communications/call-signal.service.ts';
import { CallSettingsService } from './services/communications/call-settings.service.ts';
import { PersonStreams } from './services/communications/person-streams.ts';

export interface ServiceSettings {
  /** The event bus: live events to browsers, commands to agents on any hub. */
  bus: EventBus;
  publicUrl: string;
  smtpUrl?: string | undefined;
  /** Extra trusted license-issuer keys (PEM), besides the built-in one. */
  licensePublicKeys?: string[];
  mailFrom: string;
  /** SMS provider endpoint and token; without an endpoint SMS alerts are kept in the delivery log. */
  smsUrl?: string | undefined;
  smsToken?: string | undefined;
  /** Let alert webhooks reach loopback and private networks. */
  webhookAllowPrivate?: boolean;
  /** Let organizations' own SMTP servers be in loopback and private networks. */
  smtpAllowPrivate?: boolean;
  /** Seals secrets the hub reads back (organizations' SMTP passwords). */
  sealer: Sealer;
  /** SMS number verification timings (tests shorten them). */
  smsVerification?: Partial<SmsVerificationTuning>;
  /** Alert engine and sender timings (tests shorten them). */
  alerts?: { engine?: Partial<AlertEngineTuning>; delivery?: Partial<DeliveryTuning> };
  clock?: Clock;
  throttle?: ThrottlePolicy;
  /** Megabytes of files an organization may keep (default 4096). */
  fileQuotaMb?: number;
  /** File transfer limits (tests lower them). */
  fileLimits?: Partial<FileLimits>;
  /** Days an API token stays valid when its creator names no expiry (default 90). */
  apiTokenDefaultDays?: number;
  /** How long a job stays leased to the hub dispatching it before another takes it over (ms). */
  jobLeaseMs?: number;
  /** Enterprise license: grace days after expiry, how often expiry is checked (tests: 0, they call checkAll). */
  license?: Partial<LicenseTiming>;
  /** Self-service trial sign-ups (off unless enabled). */
  trial?: TrialTerms;
  /** Usage metering: how often every organization's counts are recorded and closed days rolled up (ms; tests: 0, they call tick). */
  usageTickMs?: number;
  /** Billing: how often overdue invoices and payment reminders are swept (ms; tests: 0, they call sweep). */
  billingTickMs?: number;
  /** Configuration versions: nightly sweep interval and hour, the wait for a backup before a change (tests: tickMs 0). */
  configurations?: Partial<ConfigurationTuning>;
  /** Firmware campaigns: how often the engine looks at them (ms; tests: 0, they call campaignEngine.tick). */
  campaignTickMs?: number;
  /** Communications: attachment limits and presence timings (tests lower them). */
  communications?: { limits?: Partial<ConversationLimits>; presence?: Partial<PresenceTuning> };
  /** COLLABORATE Space: the cloud address used when a link names none, its dashboard cache (ms), request timeout (ms). */
  collaborateSpace?: { defaultBaseUrl?: string; cacheMs?: number; timeoutMs?: number };
  /** Status history kept and summed up per day (months, default 13), how often that runs (ms; tests: 0). */
  historyRetention?: Partial<HistoryRetentionSettings> & { everyMs?: number };
  /** The single-file agent offered for download (default packages/agent/dist/agent.mjs). */
  agentFile?: string | undefined;
  logger?: Logger;
}

export type HubServices = ReturnType<typeof composeServices>;

/** Builds the hub's repositories and services on one database: used by the hub and by `crosspoint admin`. */
export function composeServices(db: Db, settings: ServiceSettings) {
  const clock = settings.clock ?? systemClock;
  const orgRepo = new OrganizationRepository(db);
  const userRepo = new UserRepository(db);
  const credentials = new CredentialRepository(db);
  const locationRepo = new LocationRepository(db);
  const passwords = new PasswordService(createPasswordHasher(), createStrengthMeter());
  const audit = new AuditService(new AuditRepository(db));
  const mailer = createMailer(settings.smtpUrl, settings.mailFrom);
  const mail = new MailService(new OutboxRepository(db), mailer, settings.sealer, clock, (e) =>
    settings.logger?.error({ err: e }, 'mail delivery loop failed'),
  );
  const access = new AccessService(orgRepo, userRepo);
  const sms = createSmsSender(settings.smsUrl, settings.smsToken);
  const smsNumbers = new SmsNumberService({
    users: userRepo,
    verifications: new SmsVerificationRepository(db),
    sms,
    mail,
    audit,
    clock,
    tuning: { ...defaultSmsVerificationTuning, ...settings.smsVerification },
  });
  const smtpRepo = new OrgSmtpRepository(db);
  const orgMailers = new OrgMailers(smtpRepo, settings.sealer, mailer, {
    allowPrivate: settings.smtpAllowPrivate ?? false,
  });
  // Invoices and payment reminders come from the organization's own mail server when it has one.
  mail.sendThroughOrganizations(
    ['invoice', 'invoice-reminder'],
    async (orgId) => (await orgMailers.forOrg(orgId)).mailer,
  );
  const orgSmtp = new OrgSmtpService({
    repo: smtpRepo,
    mailers: orgMailers,
    sealer: settings.sealer,
    users: userRepo,
    mail,
    audit,
    clock,
    defaultConfigured: mailer.kind === 'smtp',
  });
  const tokens = new TokenService(credentials, access, audit, clock, settings.apiTokenDefaultDays);
  const users = new UserService(userRepo, credentials, mail, audit, clock, settings.publicUrl, tokens);
  const deviceRepo = new DeviceRepository(db);
  const accountRepo = new AgentAccountRepository(db);
  const usage = new UsageService(
    new UsageRepository(db),
    clock,
    settings.usageTickMs ?? defaultUsageTickMs,
    (e) => settings.logger?.error({ err: e }, 'usage metering failed'),
  );
  // Whatever applies a plan (devices added or removed, a plan or license changed) records usage after it.
  const meteredDevices = usage.metering(deviceRepo);
  const rollups = new Rollups((orgId) => orgRepo.byId(orgId));
  const live = new LiveEvents(settings.bus, clock, (orgId) => rollups.of(orgId));
  const files: CommandFileService = new CommandFileService(
    new CommandFileRepository(db),
    audit,
    clock,
    {
      ...defaultFileLimits,
      ...(settings.fileQuotaMb ? { quotaBytes: settings.fileQuotaMb * 1024 * 1024 } : {}),
      ...settings.fileLimits,
    },
    (orgId: string, fileId: string): Promise<string | undefined> =>
      firmwareCatalog.agentMayFetch(orgId, fileId),
  );
  const firmwarePackages = new FirmwarePackageRepository(db);
  const firmwareCatalog: FirmwareCatalogService = new FirmwareCatalogService({
    packages: firmwarePackages,
    files,
    fileHead: (orgId, fileId) => files.head(orgId, fileId),
    rollupOf: (orgId) => rollups.of(orgId),
    clientsOf: async (supportId) =>
      (await orgRepo.children(supportId)).filter((o) => o.kind === 'client').map((o) => o.id),
    audit,
    clock,
  });
  const devices = new DeviceService(
    deviceRepo,
    locationRepo,
    audit,
    live,
    async (ids) => new Map((await orgRepo.byIds(ids)).map((o) => [o.id, o.name])),
    firmwareCatalog,
    { onError: (e) => settings.logger?.error({ err: e }, 'folding the kept device counts failed') },
  );
  const organizations = new OrganizationService(orgRepo, meteredDevices, users, audit, clock, (orgId) =>
    devices.changed(orgId),
  );
  const agentBuilds = new AgentBuildService(settings.agentFile ?? defaultAgentFile);
  const servers = new ServerService(
    accountRepo,
    locationRepo,
    passwords,
    audit,
    clock,
    () => agentBuilds.currentVersion(),
    async (serverId) => {
      const answer = await settings.bus
        .request(agentControlSubject(serverId), { kind: 'update-agent' }, 5_000)
        .catch(() => null);
      return (answer as { ok?: unknown } | null)?.ok === true;
    },
  );
  const alerting = composeAlerts(db, settings, {
    clock,
    mail,
    orgMailers,
    sms,
    orgRepo,
    userRepo,
    deviceRepo,
    locationRepo,
    accountRepo,
    access,
    audit,
    live,
  });
  const billing = composeBilling(db, settings, { clock, usage, audit, mail, orgRepo });
  const directory = new DirectoryService({
    repo: new DirectoryRepository(db),
    users: userRepo,
    orgs: orgRepo,
    ldap: createLdapDirectory(),
    sealer: settings.sealer,
    audit,
    tokens,
    clock,
    onError: (e) => settings.logger?.error({ err: e }, 'directory sign-in failed'),
  });
  const twoFactor = new TwoFactorService({
    users: userRepo,
    orgs: orgRepo,
    store: new TwoFactorRepository(db),
    sealer: settings.sealer,
    audit,
    clock,
    issuer: 'Crosspoint',
  });
  const jobRepo = new JobRepository(db);
  const commands = new CommandService(
    jobRepo,
    deviceRepo,
    files,
    settings.bus,
    live,
    audit,
    clock,
    (e) => settings.logger?.error({ err: e }, 'command dispatch failed'),
    settings.jobLeaseMs,
  );
  const configurations = new ConfigurationService({
    repo: new ConfigurationRepository(db),
    files: new CommandFileRepository(db),
    jobs: jobRepo,
    devices: deviceRepo,
    orgs: orgRepo,
    commands,
    audit,
    live,
    clock,
    tuning: { ...defaultConfigurationTuning, ...settings.configurations },
    onError: (e) => settings.logger?.error({ err: e }, 'configuration versions failed'),
  });
  alerting.alertEngine.watchConfigurations(configurations);
  const compatible = new CompatibleApiService({ access, devices, deviceRepo, orgs: orgRepo, clock });
  const firmware = composeFirmware(db, settings, {
    clock,
    audit,
    live,
    mail,
    orgRepo,
    userRepo,
    catalog: firmwareCatalog,
    packages: firmwarePackages,
  });
  const locations = new LocationService(locationRepo, audit, (orgId) => devices.changed(orgId));
  const communications = composeCommunications(db, settings, { clock, live, audit, orgRepo, userRepo });
  const statusHistory = new StatusHistoryRepository(db);
  // The status history's months: summed up per day, made ahead, dropped past the window (one hub at a time).
  const retention = new HistoryRetention(
    statusHistory,
    { ...defaultHistoryRetention, ...settings.historyRetention },
    clock,
  );
  const historyRetention = new PeriodicTask(
    async () => {
      const run = await retention.run();
      if (run.monthsDropped.length || run.monthsAdded.length)
        settings.logger?.info(run, 'status history: months made and dropped');
    },
    settings.historyRetention?.everyMs ?? 3_600_000,
    (e) => settings.logger?.error({ err: e }, 'status history retention failed'),
  );
  return {
    ...communications,
    historyRetention,
    compatible,
    directory,
    firmwareCatalog,
    ...firmware,
    twoFactor,
    live,
    rollups,
    usage,
    ...billing,
    ...alerting,
    clock,
    access,
    audit,
    mail,
    passwords,
    users,
    smsNumbers,
    orgSmtp,
    orgMailers,
    auth: new AuthService({
      users: userRepo,
      orgs: orgRepo,
      credentials,
      access,
      passwords,
      mail,
      audit,
      clock,
      publicUrl: settings.publicUrl,
      ...(settings.throttle ? { throttle: settings.throttle } : {}),
      smsPending: (userId) => smsNumbers.pending(userId),
      directory,
      secondFactor: twoFactor,
    }),
    organizations,
    oidc: new OidcSignInService({
      repo: new OidcRepository(db),
      users: userRepo,
      orgs: orgRepo,
      oauth: createOAuthClient(),
      sealer: settings.sealer,
      audit,
      clock,
      publicUrl: settings.publicUrl,
    }),
    collaborateSpace: new CollaborateSpaceService({
      repo: new CollaborateSpaceRepository(db),
      cs: createCollaborateSpaceClient({ timeoutMs: settings.collaborateSpace?.timeoutMs ?? 5000 }),
      sealer: settings.sealer,
      audit,
      devices,
      clock,
      publicUrl: settings.publicUrl,
      defaultBaseUrl: settings.collaborateSpace?.defaultBaseUrl ?? csCloudBaseUrl,
      cacheMs: settings.collaborateSpace?.cacheMs ?? 5000,
    }),
    trials: new TrialSignupService({
      organizations,
      clock,
      terms: settings.trial ?? { enabled: false, days: 30, maxDevices: 25 },
    }),
    clientAttachments: new ClientAttachmentService({
      orgs: orgRepo,
      devices: deviceRepo,
      rollups,
      audit,
      clock,
      devicesChanged: (orgId) => devices.changed(orgId),
    }),
    bootstrap: new BootstrapService(userRepo, orgRepo, organizations, servers, passwords, audit, clock, {
      locations,
      alerts: alerting.alerts,
      devices,
    }),
    locations,
    servers,
    agentBuilds,
    devices,
    deviceAvailability: new DeviceAvailabilityService(deviceRepo, statusHistory, () => clock().getTime()),
    link: new AgentLinkService(
      accountRepo,
      orgRepo,
      meteredDevices,
      new DeviceIngestRepository(db),
      credentials,
      passwords,
      audit,
      live,
      clock,
    ),
    bus: settings.bus,
    files,
    commands,
    configurations,
    tokens,
    licenses: new LicenseService(
      new LicenseRepository(db),
      orgRepo,
      meteredDevices,
      createLicenseVerifier(settings.licensePublicKeys ?? []),
      audit,
      clock,
      { ...defaultLicenseTiming, ...settings.license },
      (orgId) => devices.changed(orgId),
      (e) => settings.logger?.error({ err: e }, 'license check failed'),
    ),
  };
}

/** Firmware campaigns: the API's service, the engine that drives them (on every hub) and their notices. */
function composeFirmware(
  db: Db,
  settings: ServiceSettings,
  d: {
    clock: Clock;
    audit: AuditService;
    live: LiveEvents;
    mail: MailService;
    orgRepo: OrganizationRepository;
    userRepo: UserRepository;
    catalog: FirmwareCatalogService;
    packages: FirmwarePackageRepository;
  },
) {
  const repo = new FirmwareCampaignRepository(db);
  const config = new AlertConfigRepository(db);
  const onError = (e: unknown) => settings.logger?.error({ err: e }, 'firmware campaign failed');
  const notifier = new CampaignNotifier({
    webhooks: (orgId) => config.webhooks(orgId),
    secret: (orgId, stored) => openWebhookSecret(settings.sealer, orgId, stored),
    sender: createWebhookSender({ allowPrivate: settings.webhookAllowPrivate ?? false }),
    mail: async (m) => {
      await d.mail.queue({ ...m, kind: 'firmware-campaign' });
    },
    authorEmail: async (c) =>
      c.createdByUserId ? (await d.userRepo.byId(c.createdByUserId))?.email : undefined,
    publicUrl: settings.publicUrl,
    clock: d.clock,
    onError,
  });
  const changed = (c: { id: string; orgId: string }) =>
    d.live.publish(c.orgId, { kind: 'campaigns', campaignId: c.id });
  const campaignEngine = new CampaignEngine({
    campaigns: repo,
    packageOf: (id) => d.packages.byId(id),
    clock: d.clock,
    changed,
    notify: (c, event) => notifier.notify(c, event),
    onError,
  });
  const tickMs = settings.campaignTickMs ?? 2_000;
  const campaignTicks = new PeriodicTask(
    async () => {
      await campaignEngine.tick();
    },
    tickMs,
    onError,
  );
  const campaigns = new CampaignService({
    campaigns: repo,
    catalog: d.catalog,
    clientsOf: async (supportId) => (await d.orgRepo.children(supportId)).filter((o) => o.kind === 'client'),
    audit: d.audit,
    clock: d.clock,
    changed,
    notify: (c, event) => notifier.notify(c, event),
    // A campaign started or resumed: the engine looks now (tests with no ticks run it themselves).
    kick: () => {
      if (tickMs > 0) void campaignTicks.start();
    },
    pdf: (model) => renderCampaignReportPdf(model),
  });
  return { campaigns, campaignEngine, campaignTicks };
}

/** Billing: invoices from usage metering, their mails and webhooks, and the sweep (overdue, reminders). */
function composeBilling(
  db: Db,
  settings: ServiceSettings,
  d: {
    clock: Clock;
    usage: UsageService;
    audit: AuditService;
    mail: MailService;
    orgRepo: OrganizationRepository;
  },
) {
  const repo = new BillingRepository(db);
  const config = new AlertConfigRepository(db);
  const onError = (e: unknown) => settings.logger?.error({ err: e }, 'billing failed');
  const webhooks = new InvoiceWebhooks({
    webhooks: (orgId) => config.webhooks(orgId),
    secret: (orgId, stored) => openWebhookSecret(settings.sealer, orgId, stored),
    sender: createWebhookSender({ allowPrivate: settings.webhookAllowPrivate ?? false }),
    repo,
    clock: d.clock,
    onError,
  });
  const billing = new BillingService({
    repo,
    usage: d.usage,
    audit: d.audit,
    mail: d.mail,
    notify: (type, invoice, only) => webhooks.notify(type, invoice, only),
    pdf: (model) => renderInvoicePdf(model),
    orgName: async (orgId) => (await d.orgRepo.byId(orgId))?.name ?? '',
    org: (orgId) => d.orgRepo.byId(orgId),
    clock: d.clock,
    onError,
  });
  d.mail.makeAttachments(invoicePdfAttachment, (ref) => billing.pdfAttachment(ref));
  // Overdue invoices and payment reminders, on every hub (each invoice's change is made once).
  const billingSweep = new PeriodicTask(
    async () => {
      await billing.sweep();
    },
    settings.billingTickMs ?? defaultBillingTickMs,
    onError,
  );
  return { billing, billingSweep };
}

/** Alerts: the engine (rules → incidents → deliveries), the sender (deliveries → channels) and the API's service. */
function composeAlerts(
  db: Db,
  settings: ServiceSettings,
  d: {
    clock: Clock;
    mail: MailService;
    orgMailers: OrgMailers;
    sms: SmsSender;
    orgRepo: OrganizationRepository;
    userRepo: UserRepository;
    deviceRepo: DeviceRepository;
    locationRepo: LocationRepository;
    accountRepo: AgentAccountRepository;
    access: AccessService;
    audit: AuditService;
    live: LiveEvents;
  },
) {
  const config = new AlertConfigRepository(db);
  const incidents = new AlertIncidentRepository(db);
  const deliveryRepo = new AlertDeliveryRepository(db);
  const alertDeliveries = new AlertDeliveryService(
    deliveryRepo,
    config,
    {
      mailerFor: (orgId) => d.orgMailers.forOrg(orgId),
      sms: d.sms,
      webhooks: createWebhookSender({ allowPrivate: settings.webhookAllowPrivate ?? false }),
      keepMail: async (m) => {
        await d.mail.queue({ ...m, kind: 'alert' });
      },
      webhookSecret: (orgId, stored) => openWebhookSecret(settings.sealer, orgId, stored),
      messageIdDomain: new URL(settings.publicUrl).hostname || 'crosspoint.invalid',
    },
    d.clock,
    { ...defaultDeliveryTuning, ...settings.alerts?.delivery },
    (e) => settings.logger?.error({ err: e }, 'alert delivery failed'),
  );
  const alertEngine = new AlertEngine({
    config,
    incidents,
    orgs: d.orgRepo,
    devices: d.deviceRepo,
    locations: d.locationRepo,
    live: d.live,
    clock: d.clock,
    publicUrl: settings.publicUrl,
    tuning: { ...defaultEngineTuning, ...settings.alerts?.engine },
    onQueued: () => alertDeliveries.kick(),
    onError: (e) => settings.logger?.error({ err: e }, 'alert evaluation failed'),
  });
  const alerts = new AlertService({
    config,
    incidents,
    deliveries: deliveryRepo,
    locations: d.locationRepo,
    devices: d.deviceRepo,
    servers: d.accountRepo,
    users: d.userRepo,
    access: d.access,
    audit: d.audit,
    clock: d.clock,
    publicUrl: settings.publicUrl,
    sealer: settings.sealer,
    changed: (orgId) => alertEngine.touch(orgId),
  });
  return { alerts, alertEngine, alertDeliveries };
}

/** Conversations, presence, call signaling and call settings (docs/communications.md). */
function composeCommunications(
  db: Db,
  settings: ServiceSettings,
  d: {
    clock: Clock;
    live: LiveEvents;
    audit: AuditService;
    orgRepo: OrganizationRepository;
    userRepo: UserRepository;
  },
) {
  const presence = new PresenceService({
    repo: new PresenceRepository(db),
    live: d.live,
    clock: d.clock,
    tuning: { ...defaultPresenceTuning, ...settings.communications?.presence },
    onError: (e) => settings.logger?.error({ err: e }, 'presence update failed'),
  });
  const conversations = new ConversationService({
    repo: new ConversationRepository(db),
    orgs: d.orgRepo,
    users: d.userRepo,
    presence,
    live: d.live,
    clock: d.clock,
    limits: { ...defaultConversationLimits, ...settings.communications?.limits },
  });
  const callSignals = new CallSignalService({
    bus: settings.bus,
    conversations,
    presence,
    users: d.userRepo,
    clock: d.clock,
  });
  return {
    conversations,
    presence,
    callSignals,
    personStreams: new PersonStreams({ presence, signals: callSignals }),
    callSettings: new CallSettingsService({
      repo: new CallSettingsRepository(db),
      orgs: d.orgRepo,
      sealer: settings.sealer,
      audit: d.audit,
      clock: d.clock,
    }),
  };
}
