import { IdParams } from '../common.ts';
import {
  Attachment,
  AttachmentParams,
  AttachmentQuery,
  CallSettings,
  CallSignalAnswer,
  CallSignalBody,
  Conversation,
  ConversationList,
  ConversationParams,
  EffectiveCallSettings,
  Message,
  MessagePage,
  MessagesQuery,
  ParticipantList,
  PostMessageBody,
  StartConversationBody,
} from '../communications.ts';
import { route } from '../route.ts';

const tags = ['communications'];
const base = '/api/v1/orgs/:orgId/conversations';
const one = `${base}/:conversationId`;

/**
 * Chat and calls between a support organization's people and each client's (docs/communications.md).
 * Everyone who sees the organization takes part (`org.read`); a support organization sees its
 * clients' conversations, a client only its own.
 */
export const communicationRoutes = {
  listConversations: route({
    method: 'GET',
    path: base,
    tags,
    access: 'org.read',
    summary:
      'Conversations with unread counts and the last message, latest first (a support organization: its clients’ too)',
    params: IdParams,
    answer: ConversationList,
  }),
  startConversation: route({
    method: 'POST',
    path: base,
    tags,
    access: 'org.read',
    summary:
      'Start a conversation with a client’s people (support organizations) or among the organization’s people',
    params: IdParams,
    body: StartConversationBody,
    answer: Conversation,
  }),
  listMessages: route({
    method: 'GET',
    path: `${one}/messages`,
    tags,
    access: 'org.read',
    summary: 'A conversation’s messages, newest first, with cursor paging and search in its history',
    params: ConversationParams,
    query: MessagesQuery,
    answer: MessagePage,
  }),
  postMessage: route({
    method: 'POST',
    path: `${one}/messages`,
    tags,
    access: 'org.read',
    summary:
      'Post a message (plain text, optionally with attachments uploaded before); messages are never edited',
    params: ConversationParams,
    body: PostMessageBody,
    answer: Message,
  }),
  markConversationRead: route({
    method: 'POST',
    path: `${one}/read`,
    tags,
    access: 'org.read',
    summary: 'Mark the conversation read up to its latest message (for the caller)',
    params: ConversationParams,
    answer: Conversation,
  }),
  listParticipants: route({
    method: 'GET',
    path: `${one}/participants`,
    tags,
    access: 'org.read',
    summary: 'The people of the conversation with their presence (online: the web app open on any hub)',
    params: ConversationParams,
    answer: ParticipantList,
  }),
  uploadAttachment: route({
    method: 'POST',
    path: `${one}/attachments`,
    tags,
    access: 'org.read',
    summary: 'Upload an attachment for a message (body: the file, application/octet-stream; 5 MiB at most)',
    params: ConversationParams,
    query: AttachmentQuery,
    upload: true,
    answer: Attachment,
  }),
  downloadAttachment: route({
    method: 'GET',
    path: `${one}/attachments/:attachmentId`,
    tags,
    access: 'org.read',
    summary: 'Download an attachment',
    params: AttachmentParams,
  }),
  sendCallSignal: route({
    method: 'POST',
    path: `${one}/call-signals`,
    tags,
    access: 'org.read',
    summary:
      'Send a call signal (ring, accept, decline, offer, answer, ICE candidate, hang-up) to one person of the conversation',
    params: ConversationParams,
    body: CallSignalBody,
    answer: CallSignalAnswer,
  }),
  getCallSettings: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/call-settings',
    tags,
    access: 'org.read',
    summary: 'The STUN/TURN servers calls use here (the organization’s own, or its support organization’s)',
    params: IdParams,
    answer: EffectiveCallSettings,
  }),
  setCallSettings: route({
    method: 'PUT',
    path: '/api/v1/orgs/:orgId/call-settings',
    tags,
    access: 'org.update',
    summary:
      'Set the organization’s STUN/TURN servers (an empty list: inherit its support organization’s, or none)',
    params: IdParams,
    body: CallSettings,
    answer: EffectiveCallSettings,
  }),
};
