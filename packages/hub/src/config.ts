import { Type, type Static } from 'typebox';
import { flagNameOf, LogLevelSetting, readProgramSettings, SettingsError } from '@crosspoint/protocol';

/** Settings of the hub program. This module is the only reader of the environment for the hub. */
export const HubConfigSchema = Type.Object({
  host: Type.String({ default: '127.0.0.1', minLength: 1 }),
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  dataDir: Type.String({ default: './data', minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  natsUrl: Type.Optional(
    Type.String({
      pattern: '^(nats|tls)://[^,\\s]+(\\s*,\\s*(nats|tls)://[^,\\s]+)*$',
      description: 'One NATS server or several, comma-separated (a cluster): the hub reconnects for ever.',
    }),
  ),
  logLevel: LogLevelSetting,
  webDir: Type.Optional(Type.String({ minLength: 1 })),
  agentFile: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'The single-file agent the hub offers for download (scripts/build-agent.mjs builds it).',
    }),
  ),
  publicUrl: Type.Optional(
    Type.String({ pattern: '^https?://[^/]+$', description: 'Base URL people open; used in emailed links.' }),
  ),
  smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  mailFrom: Type.String({ default: 'Crosspoint <no-reply@crosspoint.invalid>', minLength: 3 }),
  licensePublicKey: Type.Optional(
    Type.String({
      pattern: '-----BEGIN PUBLIC KEY-----',
      description: 'Extra trusted license issuer (PEM).',
    }),
  ),
  smsUrl: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'SMS provider endpoint (JSON POST); without it SMS alerts are kept in the delivery log.',
    }),
  ),
  smsToken: Type.Optional(
    Type.String({ minLength: 1, description: 'Bearer token for the SMS provider endpoint.' }),
  ),
  webhookAllowPrivate: Type.Boolean({
    default: false,
    description: 'Let alert webhooks reach loopback and private networks (a self-hosted ticketing system).',
  }),
  fileQuotaMb: Type.Integer({
    minimum: 1,
    maximum: 1_048_576,
    default: 4096,
    description: 'Megabytes of files (firmware, projects, backups, logs) one organization may keep.',
  }),
  apiTokenDefaultDays: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 90,
    description: 'Days an API token stays valid when its creator names no expiry.',
  }),
  alertResyncGraceS: Type.Integer({
    minimum: 0,
    maximum: 3600,
    default: 30,
    description:
      'After an agent (re)connects, its devices’ alerts wait this many seconds while it replays what it buffered (statuses from before the outage are not news).',
  }),
  smtpAllowPrivate: Type.Boolean({
    default: false,
    description:
      'Let organizations point their own SMTP server at loopback and private networks (an in-house mail relay).',
  }),
  secretKey: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        'Key (64 hex digits or base64 of 32 bytes) sealing secrets the hub reads back, such as organizations’ SMTP passwords. Hubs sharing a database need the same key; a lone hub keeps one in its data dir.',
    }),
  ),
  trialSignup: Type.Boolean({
    default: false,
    description:
      'Cloud edition: let AV integrators sign up for a trial support organization themselves (Start a free trial on the sign-in screen). Off unless set.',
  }),
  trialDays: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'How long a self-service trial lasts, in days.',
  }),
  trialMaxDevices: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 25,
    description: 'The most Pro Audio devices a self-service trial pool holds, whatever the sign-up asks for.',
  }),
  licenseGraceDays: Type.Integer({
    minimum: 0,
    maximum: 365,
    default: 14,
    description:
      'Enterprise edition: days an expired license still grants its devices; after them the unlicensed capacity applies.',
  }),
  historyRetentionMonths: Type.Integer({
    minimum: 1,
    maximum: 120,
    default: 13,
    description:
      'Months of device status changes kept, the current one included; older months are dropped whole once summed up per day (availability stays).',
  }),
  alertQuietS: Type.Integer({
    minimum: 0,
    maximum: 86_400,
    default: 300,
    description:
      'An alert resolved less than this many seconds ago is not opened again until they have passed (flap damping).',
  }),
  tlsCert: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'PEM certificate file (the server’s own first, intermediates after it): with tlsKey the hub serves HTTPS, and the agent link wss, on its port. Read again when it changes.',
    }),
  ),
  tlsKey: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM private key file of tlsCert (unencrypted). Read again when it changes.',
    }),
  ),
  httpRedirectPort: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 65535,
      description:
        'With HTTPS: a plain-HTTP port that only redirects (301) to the same path on HTTPS (someone typed http://).',
    }),
  ),
  tlsCa: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'PEM file of intermediate CA certificates sent with the certificate, when the certificate file holds only the server’s own.',
    }),
  ),
});
export type HubConfig = Static<typeof HubConfigSchema>;

/** Flags as commander hands them over (all optional strings). */
export interface HubFlags {
  host?: string | undefined;
  port?: string | undefined;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  natsUrl?: string | undefined;
  logLevel?: string | undefined;
  webDir?: string | undefined;
  agentFile?: string | undefined;
  publicUrl?: string | undefined;
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  licensePublicKey?: string | undefined;
  smsUrl?: string | undefined;
  smsToken?: string | undefined;
  alertQuietS?: string | undefined;
  webhookAllowPrivate?: string | undefined;
  smtpAllowPrivate?: string | undefined;
  alertResyncGraceS?: string | undefined;
  apiTokenDefaultDays?: string | undefined;
  fileQuotaMb?: string | undefined;
  secretKey?: string | undefined;
  licenseGraceDays?: string | undefined;
  trialSignup?: string | undefined;
  trialDays?: string | undefined;
  trialMaxDevices?: string | undefined;
  historyRetentionMonths?: string | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  tlsCa?: string | undefined;
  httpRedirectPort?: string | undefined;
}

/** Environment variables the hub reads; documented in the README's configuration reference. */
export const hubEnvVars = {
  host: 'CROSSPOINT_HOST',
  port: 'CROSSPOINT_PORT',
  dataDir: 'CROSSPOINT_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  natsUrl: 'NATS_URL',
  logLevel: 'CROSSPOINT_LOG_LEVEL',
  webDir: 'CROSSPOINT_WEB_DIR',
  agentFile: 'CROSSPOINT_AGENT_FILE',
  publicUrl: 'CROSSPOINT_PUBLIC_URL',
  smtpUrl: 'CROSSPOINT_SMTP_URL',
  mailFrom: 'CROSSPOINT_MAIL_FROM',
  licensePublicKey: 'CROSSPOINT_LICENSE_PUBLIC_KEY',
  smsUrl: 'CROSSPOINT_SMS_URL',
  smsToken: 'CROSSPOINT_SMS_TOKEN',
  alertQuietS: 'CROSSPOINT_ALERT_QUIET_S',
  webhookAllowPrivate: 'CROSSPOINT_WEBHOOK_ALLOW_PRIVATE',
  smtpAllowPrivate: 'CROSSPOINT_SMTP_ALLOW_PRIVATE',
  alertResyncGraceS: 'CROSSPOINT_ALERT_RESYNC_GRACE_S',
  apiTokenDefaultDays: 'CROSSPOINT_API_TOKEN_DEFAULT_DAYS',
  fileQuotaMb: 'CROSSPOINT_FILE_QUOTA_MB',
  secretKey: 'CROSSPOINT_SECRET_KEY',
  licenseGraceDays: 'CROSSPOINT_LICENSE_GRACE_DAYS',
  trialSignup: 'CROSSPOINT_TRIAL_SIGNUP',
  trialDays: 'CROSSPOINT_TRIAL_DAYS',
  trialMaxDevices: 'CROSSPOINT_TRIAL_MAX_DEVICES',
  historyRetentionMonths: 'CROSSPOINT_HISTORY_RETENTION_MONTHS',
  tlsCert: 'CROSSPOINT_TLS_CERT',
  tlsKey: 'CROSSPOINT_TLS_KEY',
  tlsCa: 'CROSSPOINT_TLS_CA',
  httpRedirectPort: 'CROSSPOINT_HTTP_REDIRECT_PORT',
} as const satisfies Record<keyof HubConfig, string>;

/** Flags win over the environment; defaults fill the rest. Throws SettingsError listing every problem. */
export function loadHubConfig(flags: HubFlags = {}, env: NodeJS.ProcessEnv = process.env): HubConfig {
  const config = readProgramSettings(HubConfigSchema, hubEnvVars, flags, env);
  const origin = (key: 'tlsCert' | 'tlsKey' | 'tlsCa' | 'httpRedirectPort') =>
    flags[key] !== undefined && flags[key] !== '' ? flagNameOf(key) : hubEnvVars[key];
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    const given = config.tlsCert !== undefined ? 'tlsCert' : 'tlsKey';
    const missing = given === 'tlsCert' ? 'tlsKey' : 'tlsCert';
    throw new SettingsError([
      `${origin(given)}: HTTPS needs both a certificate and its key (also set ${flagNameOf(missing)} or ${hubEnvVars[missing]})`,
    ]);
  }
  if (config.httpRedirectPort !== undefined && config.tlsCert === undefined)
    throw new SettingsError([
      `${origin('httpRedirectPort')}: redirects to HTTPS, which needs --tls-cert and --tls-key`,
    ]);
  if (config.tlsCa !== undefined && config.tlsCert === undefined)
    throw new SettingsError([
      `${origin('tlsCa')}: a CA chain is only sent with a certificate (set --tls-cert and --tls-key)`,
    ]);
  return config;
}

/** The same settings serving plain HTTP (the demo, whose own agent links on loopback). */
export function plainHttp(config: HubConfig): HubConfig {
  const plain = { ...config };
  delete plain.tlsCert;
  delete plain.tlsKey;
  delete plain.tlsCa;
  delete plain.httpRedirectPort;
  return plain;
}
