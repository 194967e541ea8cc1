import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';
import { CallSignal } from './communications.ts';

const at = Type.Integer({ description: 'When it happened (ms since the epoch, hub clock).' });

/**
 * What an organization's live-events stream (`liveEvents` in the route table) sends: one message
 * per event, its `kind` as the SSE event name and the whole object as its data. Screens refetch the
 * lists an event touches; nothing here carries the new state itself.
 */
export const LiveEvent = Type.Union(
  [
    Type.Object({ kind: Type.Literal('hello') }, { description: 'The stream is open (sent first).' }),
    Type.Object(
      { kind: Type.Literal('devices'), changed: Type.Integer({ minimum: 0 }), at },
      {
        description:
          'Devices changed: status, inventory, location or plan (`changed`: how many, 0 when not counted).',
      },
    ),
    Type.Object(
      { kind: Type.Literal('servers'), at },
      { description: 'An agent connected, went away or changed its subnets.' },
    ),
    Type.Object(
      { kind: Type.Literal('jobs'), jobId: Uuid, at },
      { description: 'A job started, moved on or ended.' },
    ),
    Type.Object({ kind: Type.Literal('alerts'), at }, { description: 'Incidents opened or resolved.' }),
    Type.Object(
      { kind: Type.Literal('configurations'), deviceId: Uuid, at },
      { description: 'A device’s configuration versions or baseline changed.' },
    ),
    Type.Object(
      { kind: Type.Literal('campaigns'), campaignId: Uuid, at },
      { description: 'A firmware campaign moved on (a device, a wave, its status) or the catalog changed.' },
    ),
    Type.Object(
      { kind: Type.Literal('conversations'), conversationId: Uuid, at },
      { description: 'A message or call record was posted in a conversation, or it was started.' },
    ),
    Type.Object(
      { kind: Type.Literal('presence'), at },
      { description: 'Someone of the organization opened or closed the web app (online / offline).' },
    ),
    Type.Object(
      { kind: Type.Literal('call'), signal: CallSignal, at },
      {
        description:
          'A call signal for the signed-in person only (WebRTC signaling: ring, offer, answer, ICE, hang-up); never sent to the whole organization.',
      },
    ),
    Type.Object(
      { kind: Type.Literal('closed'), reason: Type.Literal('access'), status: Type.Integer() },
      { description: 'The credentials no longer reach the organization; the stream ends (sent last).' },
    ),
  ],
  { $id: 'LiveEvent' },
);
export type LiveEvent = Static<typeof LiveEvent>;
export type LiveEventKind = LiveEvent['kind'];

/**
 * The events of an organization that travel on the hubs' bus (the stream adds `hello` and `closed`,
 * and `call`, which goes to one person: `UserEvent`).
 */
export type OrgEvent = Exclude<LiveEvent, { kind: 'hello' | 'closed' | 'call' }>;
export type OrgEventKind = OrgEvent['kind'];

const orgEventKinds: readonly string[] = [
  'devices',
  'servers',
  'jobs',
  'alerts',
  'campaigns',
  'configurations',
  'conversations',
  'presence',
] satisfies OrgEventKind[];

/** Whether a payload from the bus is an organization event (the bus carries unknown values). */
export const isOrgEvent = (payload: unknown): payload is OrgEvent =>
  typeof payload === 'object' &&
  payload !== null &&
  orgEventKinds.includes(String((payload as { kind?: unknown }).kind));

/** An event for one person's streams only (a call signal), on the bus subject of that person. */
export type UserEvent = Extract<LiveEvent, { kind: 'call' }>;

/** Whether a payload from the bus is a person's event. */
export const isUserEvent = (payload: unknown): payload is UserEvent =>
  typeof payload === 'object' && payload !== null && (payload as { kind?: unknown }).kind === 'call';
