import { Command, CommanderError } from 'commander';
import { SettingsError } from '@crosspoint/protocol';
import { DataDirLockedError, hubVersion, ServiceError, TlsFilesError } from '@crosspoint/hub';
import { isSimError } from '@crosspoint/sim';
import type { Output } from './lifecycle.ts';
import { registerHubCommand } from './commands/hub.command.ts';
import { registerDemoCommand } from './commands/demo.command.ts';
import { registerAdminCommand, UsageError } from './commands/admin.command.ts';
import { registerAgentCommand } from './commands/agent.command.ts';
import { registerSimCommand } from './commands/sim.command.ts';

/** Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(output: Output): Command {
  const program = new Command('crosspoint')
    .description('Crosspoint: an open, self-hostable AV fleet manager (hub, agent, simulator).')
    .version(hubVersion, '-v, --version')
    // Options after a command are that command's (agent install-service --data-dir …).
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => output.out(s.trimEnd()),
      writeErr: (s) => output.err(s.trimEnd()),
    })
    .exitOverride();
  registerDemoCommand(program, output);
  registerHubCommand(program, output);
  registerAgentCommand(program, output);
  registerSimCommand(program, output);
  registerAdminCommand(program, output);
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const cmd of program.commands.flatMap((c) => c.commands))
    cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the CLI and returns the process exit code; never throws. */
export async function runCli(argv: string[], output: Output): Promise<number> {
  const program = buildProgram(output);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version "errors" are successful exits; commander already printed the message.
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (e instanceof UsageError) {
      output.err(`crosspoint: ${e.message}`);
      return ExitCode.usage;
    }
    if (e instanceof ServiceError) {
      output.err(`crosspoint: ${e.message} (${e.code})`);
      return e.status < 500 ? ExitCode.usage : ExitCode.failure;
    }
    if (e instanceof SettingsError) {
      output.err(`crosspoint: ${e.message}`);
      return ExitCode.usage;
    }
    if (isSimError(e)) {
      output.err(`crosspoint: ${e.message}`);
      return ExitCode.failure;
    }
    if (e instanceof TlsFilesError) {
      output.err(`crosspoint: ${e.message} (${e.code})`);
      return ExitCode.usage;
    }
    if (e instanceof DataDirLockedError) {
      output.err(`crosspoint: ${e.message}`);
      return ExitCode.failure;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
      const taken =
        err.code === 'EADDRINUSE' ? ' (another hub or demo may be running: choose another with --port)' : '';
      output.err(`crosspoint: cannot listen: ${err.message}${taken}`);
      return ExitCode.failure;
    }
    output.err(`crosspoint: ${err.stack ?? String(e)}`);
    return ExitCode.failure;
  }
}
