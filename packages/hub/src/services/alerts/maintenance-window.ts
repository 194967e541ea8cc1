/**
 * Maintenance windows, as pure functions: is a window on at a given moment, and does it cover a
 * subject (the organization, a location and everything below it, or one device)?
 */
export type MaintenanceScheduleValue =
  | { kind: 'once'; startsAt: string; endsAt: string }
  | { kind: 'weekly'; days: number[]; start: string; durationMinutes: number; timeZone?: string | undefined };

export interface WindowLike {
  scope: 'organization' | 'location' | 'device';
  locationId: string | null;
  deviceId: string | null;
  schedule: MaintenanceScheduleValue;
}

/** What a window may cover: a device (with its location) or a server (with its location), or the organization. */
export interface CoveredSubject {
  deviceId?: string | null;
  /** The subject's location and every location above it. */
  locationPath: readonly string[];
}

const minutesPerWeek = 7 * 24 * 60;
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

function localFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    localFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes since Sunday 00:00 in the given zone. */
function minuteOfWeek(at: Date, timeZone: string): number {
  const parts = localFormat(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return weekdays.indexOf(get('weekday')) * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
}

export function windowActive(schedule: MaintenanceScheduleValue, at: Date): boolean {
  if (schedule.kind === 'once') {
    const t = at.getTime();
    return t >= Date.parse(schedule.startsAt) && t < Date.parse(schedule.endsAt);
  }
  const now = minuteOfWeek(at, schedule.timeZone ?? 'UTC');
  const [h = 0, m = 0] = schedule.start.split(':').map(Number);
  // A window may run past midnight or past Saturday into Sunday: compare around the week.
  return schedule.days.some(
    (day) => (now - (day * 1440 + h * 60 + m) + minutesPerWeek) % minutesPerWeek < schedule.durationMinutes,
  );
}

export function windowCovers(w: WindowLike, subject: CoveredSubject | 'organization'): boolean {
  if (w.scope === 'organization') return true;
  if (subject === 'organization') return false;
  if (w.scope === 'device') return w.deviceId !== null && w.deviceId === subject.deviceId;
  return w.locationId !== null && subject.locationPath.includes(w.locationId);
}

/** The location and its ancestors, nearest first (cycles cut). */
export function locationPath(
  locationId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
): string[] {
  const path: string[] = [];
  for (let id = locationId; id && !path.includes(id) && path.length < 32; id = parentOf.get(id) ?? null)
    path.push(id);
  return path;
}
