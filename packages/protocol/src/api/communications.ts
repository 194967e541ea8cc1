import { Type, type Static } from 'typebox';
import { MultilineText, Text } from '../text.ts';
import { IsoDateTime, OrgRef, Uuid } from './common.ts';
import { FileName } from './files.ts';

/** The longest message body (characters). */
export const messageMaxLength = 4000;
/** The largest attachment (bytes) and how many one message carries. */
export const attachmentMaxBytes = 5 * 1024 * 1024;
export const attachmentsPerMessage = 5;

export const Presence = Type.Enum(['online', 'offline'] as const, {
  description: 'Online: the person has the web app open (a live stream on any hub) now.',
});
export type Presence = Static<typeof Presence>;

export const Person = Type.Object(
  {
    id: Uuid,
    name: Type.String({ description: 'First and last name, or the email address when none is given.' }),
    email: Type.String(),
    organization: OrgRef,
    presence: Presence,
  },
  { $id: 'Person' },
);
export type Person = Static<typeof Person>;

export const Attachment = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    bytes: Type.Integer({ minimum: 0 }),
    contentType: Type.String({ description: 'Sniffed from the first bytes, never taken from the sender.' }),
  },
  { $id: 'Attachment' },
);
export type Attachment = Static<typeof Attachment>;

export const CallKind = Type.Enum(['audio', 'video'] as const);
export type CallKind = Static<typeof CallKind>;
export const CallOutcome = Type.Enum(['completed', 'missed', 'declined'] as const);
export type CallOutcome = Static<typeof CallOutcome>;

export const CallRecord = Type.Object({
  kind: CallKind,
  outcome: CallOutcome,
  durationS: Type.Integer({ minimum: 0, description: 'From accept to hang-up; 0 when never answered.' }),
});
export type CallRecord = Static<typeof CallRecord>;

export const Message = Type.Object(
  {
    id: Uuid,
    conversationId: Uuid,
    author: Type.Object({ id: Type.Union([Uuid, Type.Null()]), name: Type.String() }),
    at: IsoDateTime,
    body: Type.String(),
    attachments: Type.Array(Attachment),
    call: Type.Union([CallRecord, Type.Null()], { description: 'Set on a call record, null on a message.' }),
  },
  { $id: 'Message' },
);
export type Message = Static<typeof Message>;

export const Conversation = Type.Object(
  {
    id: Uuid,
    /** The organization it is about: a client (with its support organization's people) or the organization's own people. */
    organization: OrgRef,
    title: Type.String(),
    createdAt: IsoDateTime,
    lastMessage: Type.Union([
      Type.Object({ at: IsoDateTime, author: Type.String(), body: Type.String() }),
      Type.Null(),
    ]),
    unread: Type.Integer({ minimum: 0, description: 'Messages of others after the caller’s read marker.' }),
  },
  { $id: 'Conversation' },
);
export type Conversation = Static<typeof Conversation>;

export const ConversationList = Type.Object(
  { items: Type.Array(Conversation), unread: Type.Integer({ minimum: 0 }) },
  { $id: 'ConversationList' },
);
export type ConversationList = Static<typeof ConversationList>;

export const StartConversationBody = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: 120 }),
    organizationId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'A support organization: the client the conversation is with (default: its own people).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type StartConversationBody = Static<typeof StartConversationBody>;

export const ConversationParams = Type.Object({ orgId: Uuid, conversationId: Uuid });
export const AttachmentParams = Type.Object({ orgId: Uuid, conversationId: Uuid, attachmentId: Uuid });

export const MessagesQuery = Type.Object(
  {
    search: Type.Optional(
      Text({ maxLength: 200, description: 'Words in the message text (case-insensitive).' }),
    ),
    cursor: Type.Optional(
      Text({ maxLength: 200, description: 'From the previous page’s nextCursor (older messages).' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type MessagesQuery = Static<typeof MessagesQuery>;

export const MessagePage = Type.Object(
  {
    items: Type.Array(Message, { description: 'Newest first.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'MessagePage' },
);
export type MessagePage = Static<typeof MessagePage>;

export const PostMessageBody = Type.Object(
  {
    body: MultilineText({ maxLength: messageMaxLength }),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: attachmentsPerMessage, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type PostMessageBody = Static<typeof PostMessageBody>;

export const ParticipantList = Type.Object({ items: Type.Array(Person) }, { $id: 'ParticipantList' });
export type ParticipantList = Static<typeof ParticipantList>;

export const AttachmentQuery = Type.Object({ name: FileName }, { additionalProperties: false });

/** The kinds of call signal one side sends the other through the hub (WebRTC signaling). */
export const CallSignalType = Type.Enum([
  'ring',
  'accept',
  'decline',
  'offer',
  'answer',
  'ice',
  'hangup',
] as const);
export type CallSignalType = Static<typeof CallSignalType>;

export const CallSignalBody = Type.Object(
  {
    callId: Uuid,
    toUserId: Uuid,
    kind: CallKind,
    type: CallSignalType,
    /** The caller (the call record's author): on decline and hang-up. */
    callerId: Type.Optional(Uuid),
    /** offer / answer: the session description. */
    sdp: Type.Optional(Type.String({ maxLength: 64_000 })),
    /** ice: one candidate (RTCIceCandidateInit). */
    candidate: Type.Optional(
      Type.Object(
        {
          candidate: Type.String({ maxLength: 2000 }),
          sdpMid: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
          sdpMLineIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 64 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
    /** hangup: whether the call was answered and for how long (the record's outcome and duration). */
    answered: Type.Optional(Type.Boolean()),
    durationS: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600 })),
  },
  { additionalProperties: false },
);
export type CallSignalBody = Static<typeof CallSignalBody>;

export const CallSignalAnswer = Type.Object(
  { delivered: Type.Boolean({ description: 'Whether the other person has a live stream open to hear it.' }) },
  { $id: 'CallSignalAnswer' },
);

/** A call signal as the callee's (or caller's) live stream delivers it: only to that person. */
export const CallSignal = Type.Object({
  callId: Uuid,
  conversationId: Uuid,
  orgId: Uuid,
  from: Type.Object({ id: Uuid, name: Type.String() }),
  kind: CallKind,
  type: CallSignalType,
  sdp: Type.Optional(Type.String()),
  candidate: Type.Optional(
    Type.Object({
      candidate: Type.String(),
      sdpMid: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      sdpMLineIndex: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    }),
  ),
});
export type CallSignal = Static<typeof CallSignal>;

export const IceServer = Type.Object(
  {
    urls: Type.Array(
      Text({
        maxLength: 300,
        pattern: '^(stun|stuns|turn|turns):[^\\s]+$',
        description: 'stun:host:port, turn:host:port?transport=udp, turns:…',
      }),
      { minItems: 1, maxItems: 5 },
    ),
    username: Type.Optional(Text({ maxLength: 200 })),
    credential: Type.Optional(Text({ maxLength: 200, description: 'Sealed at rest.' })),
  },
  { additionalProperties: false },
);
export type IceServer = Static<typeof IceServer>;

export const CallSettings = Type.Object(
  {
    iceServers: Type.Array(IceServer, { maxItems: 8 }),
    iceTransportPolicy: Type.Enum(['all', 'relay'] as const, {
      description: 'relay: media only through the TURN servers (never a direct path).',
    }),
  },
  { $id: 'CallSettings', additionalProperties: false },
);
export type CallSettings = Static<typeof CallSettings>;

export const EffectiveCallSettings = Type.Object(
  {
    ...CallSettings.properties,
    inheritedFrom: Type.Union([OrgRef, Type.Null()], {
      description:
        'The organization whose settings apply when this one has none of its own (its support organization).',
    }),
  },
  { $id: 'EffectiveCallSettings' },
);
export type EffectiveCallSettings = Static<typeof EffectiveCallSettings>;
