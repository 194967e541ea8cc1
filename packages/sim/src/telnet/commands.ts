import { parseCp2Request, type Cp2Request } from '@crosspoint/protocol';
import { audioCommands } from './audio-commands.ts';
import {
  failed,
  type CommandContext,
  type CommandResult,
  type CommandSession,
  type HandlerTable,
} from './command-context.ts';
import { deviceCommands } from './device-commands.ts';
import { voipCommands } from './voip-commands.ts';

/** Every request of the dialect table has exactly one handler (the type checker sees to it). */
const handlers: HandlerTable<Cp2Request['name']> = { ...audioCommands, ...voipCommands, ...deviceCommands };

/** Answers one command line (prompt and spaces already trimmed). Unknown or bad → the error line. */
export function executeCp2(session: CommandSession, text: string): CommandResult | Promise<CommandResult> {
  const request = parseCp2Request(text);
  if (!request) return failed;
  const c: CommandContext = { session, box: session.box, stack: session.box.stack };
  const handler = handlers[request.name] as (
    c: CommandContext,
    p: unknown,
  ) => CommandResult | Promise<CommandResult>;
  return handler(c, request.params);
}
