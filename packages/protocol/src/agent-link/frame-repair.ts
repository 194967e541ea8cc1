import { Value } from 'typebox/value';
import { cleanDeviceText, isCleanText, isUnstorableText, storableText } from '../text.ts';
import {
  AgentFrame,
  AgentHealth,
  LinkChange,
  LinkDevice,
  linkMaxSeq,
  linkMaxTime,
  linkPathMaxSegments,
  linkTextLimits,
} from './frames.ts';

/** What the hub did with one item (device or change) of a frame that broke the schema. */
export interface LinkItemProblem {
  /** The device's id as sent (cleaned), when it had one. */
  id: string | null;
  action: 'repaired' | 'refused';
  reason: string;
}

/** A frame the hub can still use, and what it had to change or leave out. */
export interface SalvagedFrame {
  frame: AgentFrame;
  problems: LinkItemProblem[];
  /** Ids of devices of an inventory that were refused: present at the agent, so not marked Down. */
  refusedIds: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const clampTime = (n: number) => Math.min(linkMaxTime, Math.max(0, n));
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

type Repair<T> = { ok: true; value: T; fixed: string[] } | { ok: false; reason: string };

/** Cleans a text field to its limit; notes the field when that changed it. */
function text(
  raw: Record<string, unknown>,
  field: string,
  max: number,
  fixed: string[],
  required = true,
): string | undefined | null {
  const v = raw[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') return null;
  const clean = cleanDeviceText(v, max);
  if (clean !== v) fixed.push(field);
  return clean;
}

function repairDevice(raw: unknown): Repair<LinkDevice> {
  if (!isRecord(raw)) return { ok: false, reason: 'the device is not an object' };
  const fixed: string[] = [];
  const l = linkTextLimits;
  const fields = {
    id: text(raw, 'id', l.id, fixed),
    family: text(raw, 'family', l.family, fixed),
    model: text(raw, 'model', l.model, fixed),
    serial: text(raw, 'serial', l.serial, fixed),
    firmware: text(raw, 'firmware', l.firmware, fixed),
    name: text(raw, 'name', l.name, fixed),
    ip: text(raw, 'ip', l.ip, fixed),
    status: text(raw, 'status', l.status, fixed),
  };
  for (const [field, v] of Object.entries(fields))
    if (v === null) return { ok: false, reason: `${field} is not text` };
  if (!fields.id) return { ok: false, reason: 'the device has no usable id' };
  if (!fields.status) return { ok: false, reason: 'the device has no usable status' };
  const parentId = text(raw, 'parentId', l.parentId, fixed, false);
  if (parentId === null) return { ok: false, reason: 'parentId is not text' };
  const rawPath: unknown = raw.path;
  if (!Array.isArray(rawPath) || !rawPath.every((p) => typeof p === 'string'))
    return { ok: false, reason: 'path is not a list of text' };
  const path = rawPath.slice(0, linkPathMaxSegments).map((p) => cleanDeviceText(p, l.pathSegment));
  if (rawPath.length !== path.length || path.some((p, i) => p !== rawPath[i])) fixed.push('path');
  if (!isTime(raw.since)) return { ok: false, reason: 'since is not a number' };
  const since = clampTime(raw.since);
  if (since !== raw.since) fixed.push('since');
  const device = {
    ...(fields as Omit<LinkDevice, 'path' | 'since' | 'parentId'>),
    ...(parentId !== undefined ? { parentId } : {}),
    path,
    since,
  };
  if (Object.keys(raw).some((k) => !(k in device))) fixed.push('unknown fields');
  return Value.Check(LinkDevice, device)
    ? { ok: true, value: device, fixed }
    : { ok: false, reason: 'the device does not fit the schema' };
}

function repairChange(raw: unknown): Repair<LinkChange> {
  if (!isRecord(raw)) return { ok: false, reason: 'the change is not an object' };
  const fixed: string[] = [];
  const id = text(raw, 'id', linkTextLimits.id, fixed);
  const status = text(raw, 'status', linkTextLimits.status, fixed);
  if (!id) return { ok: false, reason: 'the change has no usable id' };
  if (!status) return { ok: false, reason: 'the change has no usable status' };
  if (!isTime(raw.since) || !isTime(raw.at)) return { ok: false, reason: 'since or at is not a number' };
  const [since, at] = [clampTime(raw.since), clampTime(raw.at)];
  if (since !== raw.since || at !== raw.at) fixed.push('time');
  let device: LinkDevice | undefined;
  if (raw.device !== undefined) {
    const d = repairDevice(raw.device);
    if (!d.ok) return d;
    if (d.value.id !== id) return { ok: false, reason: 'the change and its device name different ids' };
    device = d.value;
    fixed.push(...d.fixed.map((f) => `device.${f}`));
  }
  const change: LinkChange = { id, status, since, at, ...(device ? { device } : {}) };
  return Value.Check(LinkChange, change)
    ? { ok: true, value: change, fixed }
    : { ok: false, reason: 'the change does not fit the schema' };
}

const idOf = (raw: unknown): string | null =>
  isRecord(raw) && typeof raw.id === 'string' ? cleanDeviceText(raw.id, linkTextLimits.id) || null : null;

function salvageItems<T>(
  items: unknown[],
  repair: (raw: unknown) => Repair<T>,
  check: (v: unknown) => v is T,
) {
  const kept: T[] = [];
  const problems: LinkItemProblem[] = [];
  const refusedIds: string[] = [];
  for (const raw of items) {
    if (check(raw)) {
      kept.push(raw);
      continue;
    }
    const r = repair(raw);
    const id = idOf(raw);
    if (r.ok) {
      kept.push(r.value);
      problems.push({
        id,
        action: 'repaired',
        reason: `cleaned or cut: ${[...new Set(r.fixed)].join(', ') || 'nothing'}`,
      });
    } else {
      problems.push({ id, action: 'refused', reason: r.reason });
      if (id) refusedIds.push(id);
    }
  }
  return { kept, problems, refusedIds };
}

/** Every string of a JSON value cleaned (`cleanDeviceText`, not cut), at most `depth` levels deep. */
function cleanStrings(value: unknown, depth = 32): unknown {
  if (typeof value === 'string') return isCleanText(value) ? value : cleanDeviceText(value, value.length);
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, depth - 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [cleanStrings(k, 0) as string, cleanStrings(v, depth - 1)]),
  );
}

/**
 * A JSON value (a command's result) with what no database stores taken out of its keys and
 * strings: NUL removed, unpaired surrogates replaced by U+FFFD. Line breaks and other text stay.
 * The same value when nothing needed it.
 */
export function storableJson(value: unknown, depth = 64): unknown {
  if (typeof value === 'string') return isUnstorableText(value) ? storableText(value) : value;
  if (depth <= 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => storableJson(v, depth - 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v, depth - 1)]),
  );
}

/**
 * A frame that broke the schema, made usable where only its content is at fault, so that one bad
 * device (a NUL in a codec's name, a text too long, a time out of range) never stops a link: the
 * items of an inventory or deltas frame are repaired (text cleaned and cut, times clamped) or left
 * out with a reason, and any other frame has its text cleaned. Undefined when the frame itself is
 * malformed (not an object, unknown type, bad `seq`, wrong field types): the hub closes the link.
 */
export function salvageAgentFrame(value: unknown): SalvagedFrame | undefined {
  if (!isRecord(value)) return undefined;
  const seqOk = (s: unknown): s is number =>
    typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= linkMaxSeq;
  const onlyKeys = (keys: string[]) => Object.keys(value).every((k) => keys.includes(k));
  if (
    value.type === 'inventory' &&
    seqOk(value.seq) &&
    Array.isArray(value.devices) &&
    value.devices.length <= 20_000 &&
    onlyKeys(['type', 'seq', 'devices'])
  ) {
    const s = salvageItems(value.devices, repairDevice, (v): v is LinkDevice => Value.Check(LinkDevice, v));
    return {
      frame: { type: 'inventory', seq: value.seq, devices: s.kept },
      problems: s.problems,
      refusedIds: s.refusedIds,
    };
  }
  if (
    value.type === 'deltas' &&
    seqOk(value.seq) &&
    Array.isArray(value.changes) &&
    value.changes.length <= 5_000 &&
    onlyKeys(['type', 'seq', 'changes'])
  ) {
    const s = salvageItems(value.changes, repairChange, (v): v is LinkChange => Value.Check(LinkChange, v));
    // Every change refused still leaves a valid frame to acknowledge: `changes` may be empty here.
    return {
      frame: { type: 'deltas', seq: value.seq, changes: s.kept },
      problems: s.problems,
      refusedIds: [],
    };
  }
  const cleaned = cleanStrings(value);
  // A health report the hub cannot read is left out; the heartbeat itself still counts.
  if (value.type === 'heartbeat' && isRecord(cleaned) && !Value.Check(AgentHealth, cleaned.health)) {
    const withoutHealth = Object.fromEntries(Object.entries(cleaned).filter(([k]) => k !== 'health'));
    if (Value.Check(AgentFrame, withoutHealth))
      return {
        frame: withoutHealth,
        problems: [{ id: null, action: 'refused', reason: 'health report left out: it breaks the schema' }],
        refusedIds: [],
      };
  }
  if (!Value.Check(AgentFrame, cleaned)) return undefined;
  return {
    frame: cleaned,
    problems: [{ id: null, action: 'repaired', reason: `text cleaned in a ${String(value.type)} frame` }],
    refusedIds: [],
  };
}
