import { cp2Dialect, uaKeys, uaNotificationTypes } from '@crosspoint/protocol';
import { splitEpn } from '../state/endpoints.ts';
import type { UaLine } from '../state/voip.ts';
import {
  failed,
  reply,
  type CommandContext,
  type CommandResult,
  type HandlerTable,
} from './command-context.ts';

/** The UA line an EPN names (`101` = box 1, line 1), if that box has it. */
function uaLine(c: CommandContext, epn: string): UaLine | undefined {
  const box = c.stack.boxes[splitEpn(epn).box - 1];
  return box?.reachable ? box.uaLine(epn) : undefined;
}

const isTelco = (ept: string): boolean => ept === 'TELCO_RX' || ept === 'TELCO_TX';
const bit = (v: string | undefined): boolean | undefined =>
  v === '1' ? true : v === '0' ? false : undefined;

/** Drives the UA call state machine; emits STATE_CHANGE / INDICATION lines in the §2.1 formats. */
function uaKey(c: CommandContext, line: UaLine, key: string, arg: string | undefined): boolean {
  const notify = (type: string, payload: string) => c.stack.notifyUa(line.epn, type, payload);
  const hang = () => {
    line.call = 'IDLE';
    line.digits = '';
    notify('STATE_CHANGE', 'PL 1;IDLE');
  };
  const call = (number: string) => {
    if (line.registration !== 'REGISTERED') {
      notify('ERROR', 'PL 1;ERROR_NOT_REGISTERED');
      return;
    }
    line.call = 'ACTIVE';
    line.digits = number;
    line.lastDialed = number;
    notify('INDICATION', `PL 1;INPROCESS;${number}`);
    notify('STATE_CHANGE', 'PL 1;ACTIVE');
  };
  switch (key) {
    case 'KEY_HOOK': {
      const v = arg === '2' ? line.call === 'IDLE' : bit(arg);
      if (v === undefined) return false;
      if (v && line.call === 'IDLE') {
        line.call = 'DIALTONE';
        notify('STATE_CHANGE', 'PL 1;DIALTONE');
      } else if (!v && line.call !== 'IDLE') hang();
      return true;
    }
    case 'KEY_CALL':
      if (!arg) return false;
      call(arg);
      return true;
    case 'KEY_REDIAL':
      if (arg !== undefined || !line.lastDialed) return false;
      call(line.lastDialed);
      return true;
    case 'KEY_REJECT':
      if (line.call !== 'IDLE') hang();
      return true;
    case 'KEY_HOOK_FLASH':
      notify('INDICATION', 'PL 1;HOOK_FLASH');
      return true;
    case 'KEY_DO_NOT_DISTURB': {
      const v = arg === '2' ? !line.dnd : bit(arg);
      if (v === undefined) return false;
      line.dnd = v;
      notify('INDICATION', `PL NA;DND:${v ? 'ON' : 'OFF'}`);
      return true;
    }
    case 'KEY_DIGIT_PRESSED':
      if (!arg || !/^[0-9*#]$/.test(arg)) return false;
      if (line.call !== 'IDLE') line.digits += arg;
      return true;
    case 'KEY_DIGIT_RELEASED':
      return arg !== undefined && /^[0-9*#]$/.test(arg);
    default:
      return false;
  }
}

function telcoKey(
  c: CommandContext,
  ept: string,
  epn: string,
  key: string,
  arg: string | undefined,
): boolean {
  const hook =
    key === 'KEY_HOOK'
      ? bit(arg)
      : key === 'KEY_CALL' && arg
        ? true
        : key === 'KEY_REJECT'
          ? false
          : undefined;
  if (hook === undefined) return key === 'KEY_REDIAL' || key === 'KEY_HOOK_FLASH';
  c.stack.endpoints.setSetting(ept, epn, 'HOOK', hook ? '1' : '0');
  c.stack.broadcast(
    cp2Dialect.inquire.reply.format({ ept, epn, param: 'HOOK', value: hook ? '1' : '0' }),
    c.session,
  );
  return true;
}

function inquireUa(line: UaLine, param: string): string | undefined {
  if (param === 'ACTIVE_PARTIES') return line.call === 'ACTIVE' ? '1' : '0';
  if (param === 'DND_STATUS') return line.dnd ? '1' : '0';
  if (param === 'DIGITS_DIALED_SINCE_OFF_HOOK') return line.digits || 'NONE';
  return undefined;
}

const settingsParams: Record<string, readonly string[]> = {
  UA: ['AUTO_ANSWER'],
  TELCO_RX: ['AUTO_ANSWER_RINGS', 'RING_ENABLE'],
};

function settings(
  c: CommandContext,
  ept: string,
  epn: string,
  paramTok: string,
  value: string | undefined,
): CommandResult {
  const param = paramTok.toUpperCase();
  if (!settingsParams[ept]?.includes(param) || !c.stack.endpoints.exists(ept, epn)) return failed;
  if (value !== undefined) {
    if (!(param === 'AUTO_ANSWER_RINGS' ? /^\d{1,2}$/ : /^[01]$/).test(value)) return failed;
    c.stack.endpoints.setSetting(ept, epn, param, value);
    if (ept === 'UA') {
      const line = uaLine(c, epn);
      if (line) line.autoAnswer = value === '1';
    }
    c.stack.broadcast(cp2Dialect.settings.reply.format({ ept, epn, param, value }), c.session);
  }
  const current = c.stack.endpoints.setting(ept, epn, param) ?? '0';
  return reply(cp2Dialect.settings.reply.format({ ept, epn, param, value: current }));
}

export const voipCommands: HandlerTable<
  'uaRegistration' | 'uaProvision' | 'uaSubscribe' | 'key' | 'inquire' | 'settings'
> = {
  uaRegistration: (c, p) => {
    const line = uaLine(c, p.epn);
    return line
      ? reply(cp2Dialect.uaRegistration.reply.format({ epn: p.epn, state: line.registration }))
      : failed;
  },
  uaProvision: (c, p) => {
    const line = uaLine(c, p.epn);
    const box = c.stack.boxes[splitEpn(p.epn).box - 1];
    if (!line || !box) return failed;
    line.enabled = p.enabled;
    line.user = p.user;
    line.password = p.password;
    line.registrar = p.registrar;
    box.setVoipPending(true, c.session);
    box.log(`VoIP line ${line.line} provisioned (${p.user}@${p.registrar})`);
    const echo = cp2Dialect.uaProvision.reply.format(p);
    c.stack.broadcast(echo, c.session);
    return reply(echo);
  },
  uaSubscribe: (c, p) => {
    const type = p.type.toUpperCase();
    if (!uaLine(c, p.epn) || !(uaNotificationTypes as readonly string[]).includes(type)) return failed;
    c.session.subscribe(p.epn, type);
    return reply(cp2Dialect.uaSubscribe.reply.format({ epn: p.epn, type }));
  },
  key: (c, p) => {
    const key = p.key.toUpperCase();
    if (!(uaKeys as readonly string[]).includes(key)) return failed;
    let ok = false;
    if (p.ept === 'UA') {
      const line = uaLine(c, p.epn);
      ok = line !== undefined && uaKey(c, line, key, p.arg);
    } else if (isTelco(p.ept) && c.stack.endpoints.exists(p.ept, p.epn))
      ok = telcoKey(c, p.ept, p.epn, key, p.arg);
    return ok ? reply(cp2Dialect.key.reply.format({ ...p, key })) : failed;
  },
  inquire: (c, p) => {
    const param = p.param.toUpperCase();
    let value: string | undefined;
    if (p.ept === 'UA') {
      const line = uaLine(c, p.epn);
      value = line && inquireUa(line, param);
    } else if (p.ept === 'TELCO_RX' && param === 'HOOK' && c.stack.endpoints.exists(p.ept, p.epn)) {
      value = c.stack.endpoints.setting(p.ept, p.epn, 'HOOK') ?? '0';
    }
    return value === undefined
      ? failed
      : reply(cp2Dialect.inquire.reply.format({ ept: p.ept, epn: p.epn, param, value }));
  },
  settings: (c, p) => settings(c, p.ept, p.epn, p.param, p.value),
};
