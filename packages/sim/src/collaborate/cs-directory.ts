import { randomUUID } from 'node:crypto';
import { pick, randomInt, type Random } from '../prng.ts';
import type { Codec } from '../video/codec.ts';

export const csPresences = ['online', 'busy', 'away', 'offline'] as const;
export type CsPresence = (typeof csPresences)[number];
/** A CS user's role in its CS organization: only an administrator may create users. */
export type CsRole = 'administrator' | 'user';

export interface CsUser {
  id: string;
  email: string;
  name: string;
  role: CsRole;
  presence: CsPresence;
}

/** A COLLABORATE Live codec as CS lists it ("resource"), registered or not. */
export interface CsResource {
  id: string;
  name: string;
  model: string;
  serial: string;
  registered: boolean;
}

export interface CsLicense {
  id: string;
  kind: string;
  seats: number;
  used: number;
  expiresAt: string;
}

export interface CsCall {
  id: string;
  kind: 'call' | 'meeting';
  subject: string;
  from: string;
  to: string;
  startedAt: string;
  durationSeconds: number;
  outcome: 'completed' | 'missed' | 'declined';
}

const firstNames = [
  'Ava',
  'Noah',
  'Mia',
  'Liam',
  'Zoe',
  'Omar',
  'Ines',
  'Kenji',
  'Lena',
  'Raj',
  'Sofia',
  'Tom',
];
const lastNames = [
  'Moreau',
  'Rossi',
  'Garcia',
  'Schmidt',
  'Nowak',
  'Chen',
  'Kim',
  'Sato',
  'Haddad',
  'Ivanova',
];
const subjects = ['Weekly sync', 'Room check', 'Support call', 'Project review', 'Site walk-through'];

/**
 * The state of the simulated COLLABORATE Space organization: its users and their presence, its
 * licenses, its log of calls and meetings, and its resources (the site's codecs, read live from the
 * World: a codec that is down or has `cs_fail` is unregistered). Presence drifts and calls are added
 * on `tick()`, from the site's seeded PRNG.
 */
export class CsDirectory {
  readonly users: CsUser[] = [];
  readonly licenses: CsLicense[];
  readonly calls: CsCall[] = [];

  constructor(
    private readonly rnd: Random,
    private readonly codecs: readonly Codec[],
    private readonly now: () => number = Date.now,
    userCount = 8,
  ) {
    this.users.push({
      id: 'cs-admin',
      email: 'admin@cs.example',
      name: 'Avery Admin',
      role: 'administrator',
      presence: 'online',
    });
    this.users.push({
      id: 'cs-member',
      email: 'member@cs.example',
      name: 'Morgan Member',
      role: 'user',
      presence: 'away',
    });
    for (let i = 0; i < userCount - 2; i++) {
      const first = pick(rnd, firstNames);
      const last = pick(rnd, lastNames);
      this.users.push({
        id: `cs-user-${i + 1}`,
        email: `${first}.${last}.${i + 1}@cs.example`.toLowerCase(),
        name: `${first} ${last}`,
        role: 'user',
        presence: pick(rnd, csPresences),
      });
    }
    const year = new Date(this.now()).getUTCFullYear();
    this.licenses = [
      { id: 'lic-pro', kind: 'Professional', seats: 25, used: 0, expiresAt: `${year + 1}-06-30` },
      {
        id: 'lic-room',
        kind: 'Room',
        seats: Math.max(codecs.length, 1) + 2,
        used: 0,
        expiresAt: `${year + 1}-01-31`,
      },
      { id: 'lic-webinar', kind: 'Webinar', seats: 2, used: 1, expiresAt: `${year}-12-31` },
    ];
    for (let i = 0; i < 6; i++) this.addCall(this.now() - (6 - i) * 3_600_000);
  }

  resources(): CsResource[] {
    return this.codecs.map((c) => ({
      id: c.id,
      name: c.name,
      model: c.model,
      serial: c.serial,
      registered: c.reachable && c.status().csRegistered,
    }));
  }

  /** Seats in use follow the directory (users and registered codecs). */
  licensesNow(): CsLicense[] {
    const registered = this.resources().filter((r) => r.registered).length;
    return this.licenses.map((l) =>
      l.id === 'lic-pro'
        ? { ...l, used: Math.min(l.seats, this.users.length) }
        : l.id === 'lic-room'
          ? { ...l, used: registered }
          : { ...l },
    );
  }

  user(idOrEmail: string): CsUser | undefined {
    const key = idOrEmail.toLowerCase();
    return this.users.find((u) => u.id === idOrEmail || u.email === key);
  }

  createUser(email: string, name: string): CsUser {
    const user: CsUser = {
      id: `cs-${randomUUID()}`,
      email: email.toLowerCase(),
      name,
      role: 'user',
      presence: 'offline',
    };
    this.users.push(user);
    return user;
  }

  addCall(at = this.now()): CsCall {
    const from = pick(this.rnd, this.users);
    const to = pick(
      this.rnd,
      this.users.filter((u) => u !== from),
    );
    const meeting = this.rnd() < 0.3;
    const call: CsCall = {
      id: `call-${this.calls.length + 1}`,
      kind: meeting ? 'meeting' : 'call',
      subject: meeting ? pick(this.rnd, subjects) : '',
      from: from.name,
      to: meeting ? `${randomInt(this.rnd, 3, 9)} participants` : to.name,
      startedAt: new Date(at).toISOString(),
      durationSeconds: randomInt(this.rnd, 30, 3600),
      outcome: this.rnd() < 0.8 ? 'completed' : this.rnd() < 0.5 ? 'missed' : 'declined',
    };
    this.calls.unshift(call);
    this.calls.splice(200);
    return call;
  }

  /** One step of the world's drift: a user's presence may change, a call may be logged. */
  tick(): void {
    const drifting = this.users.filter((u) => u.id !== 'cs-admin' && u.id !== 'cs-member');
    if (drifting.length && this.rnd() < 0.5) pick(this.rnd, drifting).presence = pick(this.rnd, csPresences);
    if (this.rnd() < 0.3) this.addCall();
  }
}
