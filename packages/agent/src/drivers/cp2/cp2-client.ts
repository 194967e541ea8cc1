import { cp2Dialect, type Cp2EntryName, type Cp2Reply, type UnitState } from '@crosspoint/protocol';
import type { Accept } from '../pending-replies.ts';
import type { Cp2Connection, ReplyMatcher } from './cp2-connection.ts';

type ReplyParams<N extends Cp2EntryName> = Extract<Cp2Reply, { name: N }>['params'];

export interface StackBox {
  clink: string;
  online: boolean;
  box: string;
  model: string;
}
export interface StackInfo {
  stack: string;
  /** C-Link index of the box answering. */
  self: string;
  boxes: StackBox[];
}
export interface PlinkItem {
  plink: string;
  chain: number;
  online: boolean;
  model: string;
  serial: string;
  firmware: string;
  stack: string;
}

/** A matcher for a one-line reply of entry `name` whose params satisfy `mine`. */
function one<N extends Cp2EntryName, T>(
  name: N,
  mine: (p: ReplyParams<N>) => boolean,
  value: (p: ReplyParams<N>) => T,
  takesErrors = true,
): ReplyMatcher<T> {
  return {
    expects: [name],
    takesErrors,
    accept: (r) =>
      r.name === name && mine(r.params as ReplyParams<N>)
        ? { done: value(r.params as ReplyParams<N>) }
        : undefined,
  };
}

/** A matcher for a header line announcing `count` item lines, then those items. */
function listing<H extends Cp2EntryName, I extends Cp2EntryName, T, Item>(
  header: H,
  item: I,
  mine: { head: (p: ReplyParams<H>) => boolean; item: (p: ReplyParams<I>) => boolean },
  countOf: (p: ReplyParams<H>) => number,
  itemOf: (p: ReplyParams<I>) => Item,
  result: (h: ReplyParams<H>, items: Item[]) => T,
): ReplyMatcher<T> {
  let head: { p: ReplyParams<H> } | undefined;
  const items: Item[] = [];
  const finishIfComplete = (): Accept<T> =>
    head && items.length >= countOf(head.p) ? { done: result(head.p, items) } : 'more';
  return {
    expects: [header, item],
    takesErrors: true,
    accept: (r) => {
      if (r.name === header && !head && mine.head(r.params as ReplyParams<H>)) {
        head = { p: r.params as ReplyParams<H> };
        return finishIfComplete();
      }
      if (r.name === item && head && mine.item(r.params as ReplyParams<I>)) {
        items.push(itemOf(r.params as ReplyParams<I>));
        return finishIfComplete();
      }
      return undefined;
    },
  };
}

const anyLine = () => true;

/**
 * The CP2 commands the agent uses, built from the shared dialect table (cp2-dialect.ts), each with
 * the matcher that recognises its answer by address.
 */
export class Cp2Client {
  constructor(
    readonly connection: Cp2Connection,
    private readonly timeoutMs: number,
  ) {}

  private ask<T>(line: string, matcher: ReplyMatcher<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.connection.request(line, matcher, timeoutMs);
  }

  /** The keep-alive: `BOX <name> UNIT SN` (PD2's heartbeat). Error lines are left to commands. */
  keepAlive(box: string, timeoutMs: number): Promise<string> {
    const d = cp2Dialect.boxSerial;
    return this.ask(
      d.request.format({ box }),
      one(
        'boxSerial',
        (p) => p.box === box,
        (p) => p.serial,
        false,
      ),
      timeoutMs,
    );
  }

  stackInfo(): Promise<StackInfo> {
    return this.ask(
      cp2Dialect.stackInfo.request.format({}),
      listing(
        'stackInfo',
        'stackBox',
        { head: anyLine, item: anyLine },
        (h) => h.count,
        (i) => ({ clink: i.clink, online: i.online, box: i.box, model: i.model }),
        (h, boxes) => ({ stack: h.stack, self: h.clink, boxes }),
      ),
    );
  }

  serial(box: string): Promise<string> {
    return this.ask(
      cp2Dialect.boxSerial.request.format({ box }),
      one(
        'boxSerial',
        (p) => p.box === box,
        (p) => p.serial,
      ),
    );
  }

  model(box: string): Promise<string> {
    return this.ask(
      cp2Dialect.boxModel.request.format({ box }),
      one(
        'boxModel',
        (p) => p.box === box,
        (p) => p.model,
      ),
    );
  }

  firmware(box: string): Promise<string> {
    return this.ask(
      cp2Dialect.boxFirmware.request.format({ box }),
      one(
        'boxFirmware',
        (p) => p.box === box,
        (p) => p.firmware,
      ),
    );
  }

  temperature(box: string): Promise<number> {
    return this.ask(
      cp2Dialect.boxTemperature.request.format({ box }),
      one(
        'boxTemperature',
        (p) => p.box === box,
        (p) => p.celsius,
      ),
    );
  }

  unitState(box: string): Promise<UnitState> {
    return this.ask(
      cp2Dialect.boxState.request.format({ box }),
      one(
        'boxState',
        (p) => p.box === box,
        (p) => p.state as UnitState,
      ),
    );
  }

  plinks(box: string): Promise<PlinkItem[]> {
    return this.ask(
      cp2Dialect.plinkList.request.format({ box }),
      listing(
        'plinkList',
        'plinkItem',
        { head: (p) => p.box === box, item: (p) => p.box === box },
        (h) => h.count,
        (i) => ({
          plink: i.plink,
          chain: i.chain,
          online: i.online,
          model: i.model,
          serial: i.serial,
          firmware: i.firmware,
          stack: i.stack,
        }),
        (_h, items) => items,
      ),
    );
  }

  /** Reads (no `on`) or switches the locate light; resolves with the state the device reports. */
  locate(box: string, on?: boolean): Promise<boolean> {
    return this.ask(
      cp2Dialect.locate.request.format({ box, on }),
      one(
        'locate',
        (p) => p.box === box && (on === undefined || p.on === on),
        (p) => p.on,
      ),
    );
  }

  safetyMute(on?: boolean): Promise<boolean> {
    return this.ask(
      cp2Dialect.safetyMute.request.format({ on }),
      one(
        'safetyMute',
        (p) => on === undefined || p.on === on,
        (p) => p.on,
      ),
    );
  }

  ftp(box: string, on?: boolean): Promise<boolean> {
    return this.ask(
      cp2Dialect.ftp.request.format({ box, on }),
      one(
        'ftp',
        (p) => p.box === box && (on === undefined || p.on === on),
        (p) => p.on,
      ),
    );
  }

  setCredentials(username: string, password: string): Promise<string> {
    return this.ask(
      cp2Dialect.credentials.request.format({ username, password }),
      one(
        'credentials',
        (p) => p.username === username,
        (p) => p.username,
      ),
    );
  }

  voipPending(box: string): Promise<boolean> {
    return this.ask(
      cp2Dialect.voipPending.request.format({ box }),
      one(
        'voipPending',
        (p) => p.box === box,
        (p) => p.pending,
      ),
    );
  }

  voipRestart(box: string): Promise<boolean> {
    // The reply of VOIP RESTART is a VOIP PENDING line (dialect table).
    return this.ask(
      cp2Dialect.voipRestart.request.format({ box }),
      one(
        'voipPending',
        (p) => p.box === box,
        (p) => p.pending,
      ),
    );
  }

  registration(epn: string): Promise<string> {
    return this.ask(
      cp2Dialect.uaRegistration.request.format({ epn }),
      one(
        'uaRegistration',
        (p) => p.epn === epn,
        (p) => p.state,
      ),
    );
  }

  provision(
    epn: string,
    line: { enabled: boolean; user: string; password: string; registrar: string },
  ): Promise<void> {
    return this.ask(
      cp2Dialect.uaProvision.request.format({ epn, ...line }),
      one(
        'uaProvision',
        (p) => p.epn === epn && p.user === line.user,
        () => undefined,
      ),
    );
  }

  subscribe(epn: string, type: string): Promise<void> {
    return this.ask(
      cp2Dialect.uaSubscribe.request.format({ epn, type }),
      one(
        'uaSubscribe',
        (p) => p.epn === epn && p.type.toUpperCase() === type,
        () => undefined,
      ),
    );
  }

  reset(): Promise<void> {
    return this.ask(
      cp2Dialect.reset.request.format({}),
      one('reset', anyLine, () => undefined),
    );
  }

  firmwareApply(box: string, file: string): Promise<void> {
    return this.ask(
      cp2Dialect.firmwareApply.request.format({ box, file }),
      one(
        'firmwareApply',
        (p) => p.box === box && p.file === file,
        () => undefined,
      ),
    );
  }

  /** Sends a P-Link image stored on the host down its chain to one peripheral (`plink` "01"…). */
  plinkFirmwareApply(box: string, plink: string, file: string): Promise<void> {
    return this.ask(
      cp2Dialect.plinkFirmwareApply.request.format({ box, plink, file }),
      one(
        'plinkFirmwareApply',
        (p) => p.box === box && p.plink === plink && p.file === file,
        () => undefined,
      ),
    );
  }

  configApply(file: string): Promise<void> {
    return this.ask(
      cp2Dialect.configApply.request.format({ file }),
      one(
        'configApply',
        (p) => p.file === file,
        () => undefined,
      ),
    );
  }
}
