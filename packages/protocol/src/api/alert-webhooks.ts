import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';

const WebhookUrl = Type.String({
  pattern: '^https?://[^\\s\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]+$',
  maxLength: 2000,
});
export const webhookFormats = ['crosspoint', 'slack', 'teams'] as const;
const WebhookFormat = Type.Enum(webhookFormats, {
  description:
    'The body: crosspoint (our signed JSON, docs/alerts.md), slack (a Slack incoming webhook) or teams (a Microsoft Teams incoming webhook or Workflow: an Adaptive Card).',
});
export const AlertWebhook = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    url: Type.String(),
    format: WebhookFormat,
    enabled: Type.Boolean(),
    createdAt: IsoDateTime,
  },
  { $id: 'AlertWebhook', description: 'Receives alert events as signed JSON POSTs (see docs/alerts.md).' },
);
export type AlertWebhook = Static<typeof AlertWebhook>;
export const AlertWebhookList = Type.Object({ items: Type.Array(AlertWebhook) }, { $id: 'AlertWebhookList' });
export const CreateAlertWebhookRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    url: WebhookUrl,
    format: Type.Optional(WebhookFormat),
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  { $id: 'CreateAlertWebhookRequest', additionalProperties: false },
);
export const UpdateAlertWebhookRequest = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    url: Type.Optional(WebhookUrl),
    format: Type.Optional(WebhookFormat),
    enabled: Type.Optional(Type.Boolean()),
    rotateSecret: Type.Optional(
      Type.Boolean({ description: 'Issue a new signing secret (shown once in the answer).' }),
    ),
  },
  { $id: 'UpdateAlertWebhookRequest', additionalProperties: false },
);
export const AlertWebhookWithSecret = Type.Object(
  {
    webhook: AlertWebhook,
    secret: Type.Union([Type.String(), Type.Null()], {
      description: 'The signing secret: shown once, when created or rotated.',
    }),
  },
  { $id: 'AlertWebhookWithSecret' },
);
export const AlertWebhookParams = Type.Object({ orgId: Uuid, webhookId: Uuid });
