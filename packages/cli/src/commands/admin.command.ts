import type { Command } from 'commander';
import { databaseTarget, loadHubConfig, openDatabase, type HubFlags } from '@crosspoint/hub';
import type { Output } from '../lifecycle.ts';

export function registerAdminCommand(program: Command, output: Output): void {
  const admin = program
    .command('admin')
    .summary('operator tasks on a hub database')
    .description('Operator tasks. They use the same settings as `crosspoint hub` and must not run while a hub uses the embedded data folder.');

  admin
    .command('migrate')
    .description('apply pending database migrations and exit')
    .option('--data-dir <path>', 'embedded database folder (env CROSSPOINT_DATA_DIR; default ./data)')
    .option('--database-url <url>', 'PostgreSQL URL (env DATABASE_URL)')
    .action(async (flags: HubFlags) => {
      const config = loadHubConfig(flags);
      const db = await openDatabase(databaseTarget(config));
      await db.close();
      output.out(`Migrations applied (${db.kind}).`);
    });
}
