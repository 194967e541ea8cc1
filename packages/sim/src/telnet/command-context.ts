import { cp2ErrorLine, type Cp2Request } from '@crosspoint/protocol';

type Cp2RequestName = Cp2Request['name'];
import type { Box } from '../state/box.ts';
import type { Stack } from '../state/stack.ts';
import type { Cp2Session } from './session.ts';

/** What a command answers: lines for the caller, and what happens once they are written. */
export interface CommandResult {
  lines: string[];
  after?: () => void;
}

export interface CommandContext {
  session: Cp2Session;
  /** The box the session is connected to. */
  box: Box;
  stack: Stack;
}

export type ParamsOf<K extends Cp2RequestName> = Extract<Cp2Request, { name: K }>['params'];
export type Handler<K extends Cp2RequestName> = (
  c: CommandContext,
  p: ParamsOf<K>,
) => CommandResult | Promise<CommandResult>;
export type HandlerTable<K extends Cp2RequestName> = { [N in K]: Handler<N> };

export const reply = (...lines: string[]): CommandResult => ({ lines });
export const failed: CommandResult = { lines: [cp2ErrorLine] };

/** A box of the stack by (case-sensitive) name that is online, else undefined (→ error line). */
export const onlineBox = (c: CommandContext, name: string): Box | undefined => {
  const b = c.stack.boxByName(name);
  return b?.reachable ? b : undefined;
};
