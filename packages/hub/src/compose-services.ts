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
import { DeviceRepository } from './repositories/device.repository.ts';
import { DeviceService } from './services/device.service.ts';
import { AgentLinkService } from './services/agent-link.service.ts';
import { CommandService } from './services/command.service.ts';
import { JobRepository } from './repositories/job.repository.ts';
import { LicenseService } from './services/license.service.ts';
import { LicenseRepository } from './repositories/license.repository.ts';
import { createLicenseVerifier } from './adapters/license-signature.ts';

export interface ServiceSettings {
  /** The event bus: live events to browsers, commands to agents on any hub. */
  bus: EventBus;
  publicUrl: string;
  smtpUrl?: string | undefined;
  /** Extra trusted license-issuer keys (PEM), besides the built-in one. */
  licensePublicKeys?: string[];
  mailFrom: string;
  clock?: Clock;
  throttle?: ThrottlePolicy;
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
  const mail = new MailService(new OutboxRepository(db), createMailer(settings.smtpUrl, settings.mailFrom), clock, (e) =>
    settings.logger?.error({ err: e }, 'mail delivery loop failed'),
  );
  const access = new AccessService(orgRepo, userRepo);
  const users = new UserService(userRepo, credentials, mail, audit, clock, settings.publicUrl);
  const deviceRepo = new DeviceRepository(db);
  const accountRepo = new AgentAccountRepository(db);
  const organizations = new OrganizationService(orgRepo, deviceRepo, users, audit, clock);
  const servers = new ServerService(accountRepo, locationRepo, passwords, audit, clock);
  return {
    clock,
    access,
    audit,
    mail,
    passwords,
    users,
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
    }),
    organizations,
    bootstrap: new BootstrapService(userRepo, orgRepo, organizations, servers, passwords, audit, clock),
    locations: new LocationService(locationRepo, audit),
    servers,
    devices: new DeviceService(deviceRepo, locationRepo, audit),
    link: new AgentLinkService(accountRepo, orgRepo, deviceRepo, credentials, passwords, audit, settings.bus, clock),
    bus: settings.bus,
    commands: new CommandService(new JobRepository(db), deviceRepo, settings.bus, audit, clock, (e) =>
      settings.logger?.error({ err: e }, 'command dispatch failed'),
    ),
    tokens: new TokenService(credentials, audit, clock),
    licenses: new LicenseService(new LicenseRepository(db), orgRepo, createLicenseVerifier(settings.licensePublicKeys ?? []), audit, clock),
  };
}
