import { isUserEvent, type CallSignal, type CallSignalBody, type UserEvent } from '@crosspoint/protocol';
import type { EventBus, Unsubscribe } from '../../bus/event-bus.ts';
import type { UserRepository } from '../../repositories/user.repository.ts';
import type { Clock, OrgContext } from '../context.ts';
import { ServiceError } from '../service-error.ts';
import type { ConversationService } from './conversation.service.ts';
import { displayName, personOf } from './people.ts';
import type { PresenceService } from './presence.service.ts';

/** The bus subject of one person's events (call signals), heard by that person's streams on every hub. */
export const personEventsSubject = (userId: string): string => `person.${userId}.events`;

/**
 * The hub as the signaling relay of one-to-one WebRTC calls: one side posts a signal, the hub
 * checks that both people take part in the conversation and hands it to the other person's open
 * live streams only (never the organization's). The end of a call (declined, hung up) writes its
 * record into the conversation.
 */
export class CallSignalService {
  constructor(
    private readonly d: {
      bus: EventBus;
      conversations: ConversationService;
      presence: PresenceService;
      users: UserRepository;
      clock: Clock;
    },
  ) {}

  async send(ctx: OrgContext, conversationId: string, body: CallSignalBody): Promise<{ delivered: boolean }> {
    const from = personOf(ctx);
    const conversation = await this.d.conversations.find(ctx, conversationId);
    if (body.toUserId === from || !(await this.d.conversations.isParticipant(conversation, body.toUserId)))
      throw ServiceError.notFound('The person');
    if ((body.type === 'offer' || body.type === 'answer') && !body.sdp)
      throw ServiceError.invalid('VALIDATION_FAILED', 'An offer or answer carries its session description.', [
        { path: '/sdp', message: 'is required for offer and answer' },
      ]);
    if (body.type === 'ice' && !body.candidate)
      throw ServiceError.invalid('VALIDATION_FAILED', 'An ICE signal carries its candidate.', [
        { path: '/candidate', message: 'is required for ice' },
      ]);
    const sender = await this.d.users.byId(from);
    const signal: CallSignal = {
      callId: body.callId,
      conversationId,
      orgId: conversation.orgId,
      from: { id: from, name: sender ? displayName(sender) : '' },
      kind: body.kind,
      type: body.type,
      ...(body.sdp !== undefined ? { sdp: body.sdp } : {}),
      ...(body.candidate !== undefined ? { candidate: body.candidate } : {}),
    };
    const event: UserEvent = { kind: 'call', signal, at: this.d.clock().getTime() };
    await this.d.bus.publish(personEventsSubject(body.toUserId), event);
    if (body.type === 'decline' || body.type === 'hangup') {
      const callerId = body.callerId ?? from;
      if (callerId !== from && callerId !== body.toUserId) throw ServiceError.notFound('The caller');
      await this.d.conversations.recordCall(conversation, {
        callId: body.callId,
        callerId,
        kind: body.kind,
        outcome: body.type === 'decline' ? 'declined' : body.answered ? 'completed' : 'missed',
        durationS: body.type === 'hangup' && body.answered ? (body.durationS ?? 0) : 0,
      });
    }
    return { delivered: (await this.d.presence.online([body.toUserId])).has(body.toUserId) };
  }

  /** Hears one person's signals (their live streams, on this hub). */
  subscribe(userId: string, listener: (event: UserEvent) => void): Promise<Unsubscribe> {
    return this.d.bus.subscribe(personEventsSubject(userId), (payload) => {
      if (isUserEvent(payload)) listener(payload);
    });
  }
}
