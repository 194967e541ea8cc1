import type { FastifyInstance } from 'fastify';
import type { CallSettingsService } from '../../services/communications/call-settings.service.ts';
import type { CallSignalService } from '../../services/communications/call-signal.service.ts';
import type { ConversationService } from '../../services/communications/conversation.service.ts';
import type { RouteRegistry } from '../contract-routes.ts';
import { incoming } from './file.routes.ts';

/** Conversations, messages, attachments, call signals and call settings (docs/communications.md). */
export async function communicationRoutes(
  root: FastifyInstance,
  registry: RouteRegistry,
  d: { conversations: ConversationService; signals: CallSignalService; callSettings: CallSettingsService },
): Promise<void> {
  await root.register((scope, _opts, done) => {
    scope.addContentTypeParser('application/octet-stream', (_req, payload, next) => {
      next(null, payload);
    });
    const routes = registry.on(scope);
    routes.org('listConversations', (ctx) => d.conversations.list(ctx));
    routes.org('startConversation', (ctx, { body }) => d.conversations.start(ctx, body));
    routes.org('listMessages', (ctx, { params, query }) =>
      d.conversations.messages(ctx, params.conversationId, query),
    );
    routes.org('postMessage', (ctx, { params, body }) =>
      d.conversations.post(ctx, params.conversationId, body),
    );
    routes.org('markConversationRead', (ctx, { params }) =>
      d.conversations.markRead(ctx, params.conversationId),
    );
    routes.org('listParticipants', (ctx, { params }) =>
      d.conversations.participants(ctx, params.conversationId),
    );
    routes.org('uploadAttachment', (ctx, { params, query, request }) =>
      d.conversations.upload(ctx, params.conversationId, query.name, incoming(request)),
    );
    routes.org('downloadAttachment', async (ctx, { params, reply }) => {
      const file = await d.conversations.download(ctx, params.conversationId, params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.data.length))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'private, no-store')
        .send(file.data);
    });
    routes.org('sendCallSignal', (ctx, { params, body }) => d.signals.send(ctx, params.conversationId, body));
    routes.org('getCallSettings', (ctx) => d.callSettings.get(ctx));
    routes.org('setCallSettings', (ctx, { body }) => d.callSettings.set(ctx, body));
    done();
  });
}
