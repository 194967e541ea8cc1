import type { webhookFormats } from '@crosspoint/protocol';

/**
 * What a webhook's body looks like, chosen per webhook: our signed JSON (docs/alerts.md), or the
 * incoming-webhook formats of Slack (text + Block Kit) and Microsoft Teams (an Adaptive Card in a
 * message, as Teams' incoming webhooks and Workflows take it). The signature headers are sent with
 * every format; Slack and Teams ignore them.
 */
export type WebhookFormat = (typeof webhookFormats)[number];

/** The event as our JSON carries it: an alert incident or an invoice (the fields read here). */
interface EventPayload {
  type?: unknown;
  summary?: unknown;
  /** A grouped message (docs/alerts.md): how many devices it is about. */
  devices?: unknown;
  organization?: { name?: unknown } | undefined;
  rule?: { name?: unknown } | undefined;
  incident?:
    | {
        state?: unknown;
        condition?: unknown;
        subject?: { name?: unknown } | undefined;
        startedAt?: unknown;
        link?: unknown;
      }
    | undefined;
  invoice?:
    { number?: unknown; total?: unknown; currency?: unknown; state?: unknown; dueOn?: unknown } | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): string | undefined => (typeof v === 'number' ? String(v) : str(v));

interface Message {
  title: string;
  facts: { name: string; value: string }[];
  link: string | undefined;
  /** good, warning, attention: green, amber, red. */
  tone: 'good' | 'warning' | 'attention';
}

/** The words every chat format shows: a title, facts, a link and a colour. */
function messageOf(payload: EventPayload): Message {
  const type = str(payload.type) ?? 'event';
  const i = payload.incident;
  const inv = payload.invoice;
  const facts = [
    ['Organization', str(payload.organization?.name)],
    ['Devices', num(payload.devices)],
    [payload.devices === undefined ? 'Device' : 'First devices', str(i?.subject?.name)],
    ['Condition', str(i?.condition)],
    ['Rule', str(payload.rule?.name)],
    ['State', str(i?.state) ?? str(inv?.state)],
    ['Since', str(i?.startedAt)],
    ['Invoice', str(inv?.number)],
    ['Total', inv ? [num(inv.total), str(inv.currency)].filter(Boolean).join(' ') || undefined : undefined],
    ['Due', str(inv?.dueOn)],
  ]
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([name, value]) => ({ name, value }));
  const tone = /resolved|paid/.test(type)
    ? 'good'
    : /opened|repeated|overdue/.test(type)
      ? 'attention'
      : 'warning';
  return { title: str(payload.summary) ?? type, facts, link: str(i?.link), tone };
}

const slackEmoji = {
  good: ':large_green_circle:',
  warning: ':large_yellow_circle:',
  attention: ':red_circle:',
};

function slackBody(m: Message): unknown {
  const fields = m.facts
    .slice(0, 10)
    .map((f) => ({ type: 'mrkdwn', text: `*${escapeSlack(f.name)}*\n${escapeSlack(f.value)}` }));
  return {
    text: `${slackEmoji[m.tone]} ${m.title}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${slackEmoji[m.tone]} *${escapeSlack(m.title)}*` } },
      ...(fields.length ? [{ type: 'section', fields }] : []),
      ...(m.link
        ? [
            {
              type: 'actions',
              elements: [
                { type: 'button', text: { type: 'plain_text', text: 'Open in Crosspoint' }, url: m.link },
              ],
            },
          ]
        : []),
    ],
  };
}

/** Slack's mrkdwn reads &, < and > as markup. */
const escapeSlack = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function teamsBody(m: Message): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: m.title, weight: 'Bolder', size: 'Medium', wrap: true, color: m.tone },
            ...(m.facts.length
              ? [{ type: 'FactSet', facts: m.facts.map((f) => ({ title: f.name, value: f.value })) }]
              : []),
          ],
          ...(m.link
            ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Crosspoint', url: m.link }] }
            : {}),
        },
      },
    ],
  };
}

/** The body to POST for one delivery (`id` is the delivery's idempotency key). */
export function webhookBody(format: WebhookFormat, id: string, payload: Record<string, unknown>): string {
  switch (format) {
    case 'crosspoint':
      return JSON.stringify({ id, ...payload });
    case 'slack':
      return JSON.stringify(slackBody(messageOf(payload)));
    case 'teams':
      return JSON.stringify(teamsBody(messageOf(payload)));
  }
}
