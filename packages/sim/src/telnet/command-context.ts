import { cp2ErrorLine, type Cp2Request } from '@crosspoint/protocol';
import type { BoxPort, StackPort } from '../state/box-port.ts';
import type { StackSession } from '../state/session-sink.ts';

type Cp2RequestName = Cp2Request['name'];

/** What a command answers: lines for the caller, and what happens once they are written. */
export interface CommandResult {
  lines: string[];
  after?: () => void;
}

/** What commands see of the telnet session that runs them. */
export interface CommandSession extends StackSession {
  /** The box the session is connected to. */
  readonly box: BoxPort;
  /** Subscribes the session to one UA notification type on one line. */
  subscribe(epn: string, type: string): void;
}

export interface CommandContext {
  session: CommandSession;
  /** The box the session is connected to. */
  box: BoxPort;
  stack: StackPort;
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
export const onlineBox = (c: CommandContext, name: string): BoxPort | undefined => {
  const b = c.stack.boxByName(name);
  return b?.reachable ? b : undefined;
};
