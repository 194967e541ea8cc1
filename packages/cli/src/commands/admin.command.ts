import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  cliActor,
  composeServices,
  createMemoryBus,
  databaseTarget,
  generateLicenseKeys,
  loadHubConfig,
  openDatabase,
  openSealer,
  signLicenseText,
  type HubFlags,
  type HubServices,
  type WrittenMail,
} from '@crosspoint/hub';
import { licenseSigningText, type LicenseTerms } from '@crosspoint/protocol';
import type { Output } from '../lifecycle.ts';

interface AdminFlags extends HubFlags {
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  name?: string;
  ownerEmail?: string;
  devices?: string;
  outDir?: string;
  key?: string;
  licensee?: string;
  expires?: string;
  out?: string;
}

const withDatabaseOptions = (cmd: Command): Command =>
  cmd
    .option('--data-dir <path>', 'embedded database folder (env CROSSPOINT_DATA_DIR; default ./data)')
    .option('--database-url <url>', 'PostgreSQL URL (env DATABASE_URL)')
    .option('--public-url <url>', 'base URL of the hub, for links in mail (env CROSSPOINT_PUBLIC_URL)')
    .option(
      '--smtp-url <url>',
      'SMTP server for mail (env CROSSPOINT_SMTP_URL); without it mail stays in the outbox',
    );

/** What an admin command works with: the hub's services and the mail written meanwhile, links intact. */
type AdminServices = HubServices & { written: WrittenMail[] };

/** Opens the hub's database and services (no HTTP), runs `task`, and closes everything. */
async function withServices(flags: AdminFlags, task: (s: AdminServices) => Promise<void>): Promise<void> {
  const config = loadHubConfig(flags);
  const db = await openDatabase(databaseTarget(config));
  const services = composeServices(db.db, {
    bus: createMemoryBus(),
    sealer: await openSealer(config.dataDir, config.secretKey),
    publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
  });
  // The outbox keeps sign-in links redacted: the command prints them from the mail it wrote.
  const written: WrittenMail[] = [];
  const unwatch = services.mail.watch((m) => written.push(m));
  try {
    await task({ ...services, written });
    await services.mail.flush();
  } finally {
    unwatch();
    await services.mail.stop();
    await db.close();
  }
}

function passwordFrom(flags: AdminFlags): string {
  if (flags.passwordStdin) return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (flags.password) return flags.password;
  throw new UsageError('Give the password with --password-stdin (recommended) or --password.');
}

export class UsageError extends Error {}

function newestLink(services: AdminServices, email: string): string | undefined {
  const mail = services.written.findLast((m) => m.to === email.toLowerCase());
  return /https?:\/\/\S+token=\S+/.exec(mail?.text ?? '')?.[0];
}

export function registerAdminCommand(program: Command, output: Output): void {
  const admin = program
    .command('admin')
    .summary('operator tasks on a hub database')
    .description(
      'Operator tasks. They use the same settings as `crosspoint hub` and must not run while a hub uses the embedded data folder.',
    );

  withDatabaseOptions(
    admin.command('migrate').description('apply pending database migrations and exit'),
  ).action(async (flags: AdminFlags) => {
    const config = loadHubConfig(flags);
    const db = await openDatabase(databaseTarget(config));
    await db.close();
    output.out(`Migrations applied (${db.kind}).`);
  });

  withDatabaseOptions(
    admin
      .command('create-operator')
      .description(
        'create a platform operator (Owner of the platform organization), or set an existing one’s password',
      )
      .requiredOption('--email <address>', 'the operator’s email address, used to sign in')
      .option(
        '--password <password>',
        'the password (prefer --password-stdin: flags end up in shell history)',
      )
      .option('--password-stdin', 'read the password from standard input'),
  ).action(async (flags: AdminFlags) => {
    const password = passwordFrom(flags);
    await withServices(flags, async (s) => {
      const r = await s.bootstrap.createOperator(cliActor, { email: flags.email ?? '', password });
      output.out(
        `${r.created ? 'Created' : 'Updated'} operator ${flags.email ?? ''}. They accept the terms at first sign-in.`,
      );
    });
  });

  withDatabaseOptions(
    admin
      .command('create-support-org')
      .description(
        'add a support organization (an AV integrator) with its licensed device pool, and invite its owner',
      )
      .requiredOption('--name <name>', 'organization name')
      .requiredOption('--owner-email <address>', 'initial owner, invited by email')
      .requiredOption('--devices <count>', 'licensed Pro Audio devices it may allocate to clients'),
  ).action(async (flags: AdminFlags) => {
    const devices = Number(flags.devices);
    if (!Number.isInteger(devices) || devices < 0)
      throw new UsageError(`--devices: must be a whole number ≥ 0 (got ${JSON.stringify(flags.devices)})`);
    await withServices(flags, async (s) => {
      const org = await s.organizations.createSupportOrg(cliActor, {
        name: flags.name ?? '',
        ownerEmail: flags.ownerEmail ?? '',
        devicePool: devices,
      });
      output.out(`Created support organization ${org.name} (${org.id}) with ${devices} devices.`);
      const link = newestLink(s, flags.ownerEmail ?? '');
      if (link)
        output.out(
          `Invitation link for ${flags.ownerEmail ?? ''} (also mailed; the outbox keeps it without its token):\n  ${link}`,
        );
    });
  });

  withDatabaseOptions(
    admin
      .command('reset-password')
      .description(
        'send a user a password-reset link (printed too; for someone invited who has not registered, their invitation again), or set the password directly with --password-stdin',
      )
      .requiredOption('--email <address>', 'the user’s email address')
      .option('--password <password>', 'set this password now instead of sending a link')
      .option('--password-stdin', 'read the new password from standard input'),
  ).action(async (flags: AdminFlags) => {
    await withServices(flags, async (s) => {
      const email = flags.email ?? '';
      if (flags.password || flags.passwordStdin) {
        await s.auth.setPassword(cliActor, email, passwordFrom(flags));
        output.out(`Password of ${email} set; their sessions were signed out.`);
        return;
      }
      const pending = await s.users.pendingInvitation(email);
      if (pending) {
        // Invited from the web app on a hub without SMTP: the outbox keeps no usable link, so send the invitation again here.
        const org = await s.access.resolve(
          { ...cliActor, token: { id: 'cli', orgId: pending.orgId, role: 'owner' } },
          pending.orgId,
        );
        await s.users.resendInvitation(org, pending.userId);
        const invitation = newestLink(s, email);
        output.out(
          `${email} has not registered yet: invitation link (valid 7 days, also mailed):\n  ${invitation ?? '(none)'}`,
        );
        return;
      }
      await s.auth.forgotPassword(email, 'cli');
      const link = newestLink(s, email);
      if (!link) throw new UsageError(`${email} has no account on this hub; invite them first.`);
      output.out(
        `Reset link for ${email} (valid 1 hour, also mailed; the outbox keeps it without its token):\n  ${link}`,
      );
    });
  });

  withDatabaseOptions(
    admin
      .command('create-enterprise')
      .description(
        'enterprise edition: create the one organization of this hub and invite its owner (on an empty hub)',
      )
      .requiredOption('--name <name>', 'organization name')
      .requiredOption('--owner-email <address>', 'initial owner, invited by email'),
  ).action(async (flags: AdminFlags) => {
    await withServices(flags, async (s) => {
      const org = await s.organizations.createEnterpriseOrg(cliActor, {
        name: flags.name ?? '',
        ownerEmail: flags.ownerEmail ?? '',
      });
      output.out(
        `Created enterprise organization ${org.name}. Unlicensed, it monitors up to 5 devices; upload a license under Settings.`,
      );
      const link = newestLink(s, flags.ownerEmail ?? '');
      if (link) output.out(`Invitation link for ${flags.ownerEmail ?? ''}:\n  ${link}`);
    });
  });

  const license = admin
    .command('license')
    .description('issue enterprise license files (the issuer’s side; needs no hub)');
  license
    .command('keygen')
    .description(
      'create an Ed25519 issuer key pair: keep the private key offline, give hubs the public key (CROSSPOINT_LICENSE_PUBLIC_KEY)',
    )
    .requiredOption('--out-dir <folder>', 'where to write license-issuer.key and license-issuer.pub')
    .action((flags: AdminFlags) => {
      const dir = flags.outDir ?? '.';
      const privatePath = join(dir, 'license-issuer.key');
      if (existsSync(privatePath))
        throw new UsageError(`${privatePath} exists; refusing to overwrite an issuer key.`);
      const keys = generateLicenseKeys();
      writeFileSync(privatePath, keys.privateKeyPem, { mode: 0o600 });
      writeFileSync(join(dir, 'license-issuer.pub'), keys.publicKeyPem);
      output.out(`Wrote ${privatePath} (private, mode 600) and ${join(dir, 'license-issuer.pub')}.`);
    });
  license
    .command('sign')
    .description('write a signed license file for an enterprise installation')
    .requiredOption('--key <file>', 'issuer private key (from license keygen)')
    .requiredOption('--licensee <name>', 'who the license is for')
    .requiredOption('--devices <count>', 'Pro Audio devices it allows')
    .option('--expires <date>', 'expiry date, YYYY-MM-DD (default: never)')
    .requiredOption('--out <file>', 'license file to write')
    .action((flags: AdminFlags) => {
      const devices = Number(flags.devices);
      if (!Number.isInteger(devices) || devices < 1)
        throw new UsageError(`--devices: must be a whole number ≥ 1 (got ${JSON.stringify(flags.devices)})`);
      if (flags.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.expires)) {
        throw new UsageError(`--expires: must be a date YYYY-MM-DD (got ${JSON.stringify(flags.expires)})`);
      }
      let keyPem: string;
      try {
        keyPem = readFileSync(flags.key ?? '', 'utf8');
      } catch (e) {
        throw new UsageError(`--key: cannot read ${flags.key ?? ''}: ${(e as Error).message}`);
      }
      const terms: LicenseTerms = {
        id: `LIC-${randomUUID().slice(0, 8).toUpperCase()}`,
        licensee: flags.licensee ?? '',
        devices,
        issuedAt: new Date().toISOString(),
        expiresAt: flags.expires ? new Date(`${flags.expires}T23:59:59Z`).toISOString() : null,
      };
      let signature: string;
      try {
        signature = signLicenseText(licenseSigningText(terms), keyPem);
      } catch (e) {
        throw new UsageError(`--key: not an Ed25519 private key (${(e as Error).message})`);
      }
      writeFileSync(flags.out ?? '', `${JSON.stringify({ license: terms, signature }, null, 2)}\n`);
      output.out(
        `Wrote license ${terms.id} for ${terms.licensee}: ${devices} devices${terms.expiresAt ? ` until ${flags.expires ?? ''}` : ''} → ${flags.out ?? ''}`,
      );
    });
}
