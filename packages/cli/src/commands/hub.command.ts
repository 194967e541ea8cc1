import type { Command } from 'commander';
import { loadHubConfig, startHub, type HubFlags } from '@crosspoint/hub';
import { runUntilSignal, type Output } from '../lifecycle.ts';

/** Adds the hub's flags to a command (shared by `hub` and `demo`). */
export function withHubOptions(cmd: Command, defaults: { port?: string } = {}): Command {
  return cmd
    .option('--host <address>', 'address to listen on (env CROSSPOINT_HOST)', undefined)
    .option(
      '--port <number>',
      `TCP port, 0 for any free port (env CROSSPOINT_PORT; default ${defaults.port ?? '8080'})`,
    )
    .option('--data-dir <path>', 'embedded database folder (env CROSSPOINT_DATA_DIR; default ./data)')
    .option('--database-url <url>', 'PostgreSQL URL instead of the embedded database (env DATABASE_URL)')
    .option('--nats-url <url>', 'NATS URL(s), comma-separated, for several hub processes (env NATS_URL)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env CROSSPOINT_LOG_LEVEL)')
    .option('--web-dir <path>', 'folder of the built web app (env CROSSPOINT_WEB_DIR)')
    .option(
      '--agent-file <path>',
      'single-file agent offered on Downloads (env CROSSPOINT_AGENT_FILE; default packages/agent/dist/agent.mjs)',
    )
    .option('--public-url <url>', 'base URL people open, used in emailed links (env CROSSPOINT_PUBLIC_URL)')
    .option(
      '--smtp-url <url>',
      'SMTP server, e.g. smtp://user:pass@mail:587 (env CROSSPOINT_SMTP_URL); without it mail stays in the outbox',
    )
    .option('--mail-from <address>', 'sender of the hub’s mail (env CROSSPOINT_MAIL_FROM)');
}

/** HTTPS flags: the hub's only (the demo stays on plain HTTP on loopback). */
function withTlsOptions(cmd: Command): Command {
  return cmd
    .option(
      '--tls-cert <file>',
      'PEM certificate: serve HTTPS (and the agent link over wss) on --port, with --tls-key; read again when it changes (env CROSSPOINT_TLS_CERT)',
    )
    .option('--tls-key <file>', 'PEM private key of --tls-cert (env CROSSPOINT_TLS_KEY)')
    .option(
      '--http-redirect-port <number>',
      'with HTTPS: a plain-HTTP port that only redirects to it, e.g. 80 (env CROSSPOINT_HTTP_REDIRECT_PORT)',
    )
    .option(
      '--tls-ca <file>',
      'PEM intermediate certificates sent with --tls-cert when its file holds only the server’s own (env CROSSPOINT_TLS_CA)',
    );
}

export function registerHubCommand(program: Command, output: Output): void {
  withTlsOptions(
    withHubOptions(
      program
        .command('hub')
        .summary('run the hub: REST API, web app and agent gateway')
        .description(
          'Runs the multi-tenant hub. With no database settings it uses the embedded PGlite database in ./data ' +
            '(one hub per folder); with DATABASE_URL (and NATS_URL) several hubs can share PostgreSQL.',
        ),
    ),
  ).action(async (flags: HubFlags) => {
    const hub = await startHub(loadHubConfig(flags));
    output.out(`Crosspoint hub listening on ${hub.url}`);
    await runUntilSignal([hub], output);
  });
}
