import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Email } from './common.ts';

/** SMTP encryption modes, in the order forms offer them (STARTTLS first: the usual submission port). */
export const smtpSecurityModes = ['starttls', 'tls', 'none'] as const;
const SmtpSecurity = Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')], {
  description:
    "'tls': TLS from the first byte (usually port 465); 'starttls': plain connection upgraded to TLS, required (587); 'none': no TLS (a relay on a trusted network).",
});
const Hostname = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$',
  description: 'Host name or IP address of the SMTP server.',
});

/** An organization's own SMTP server for its alert emails; the password is never sent back. */
export const OrgSmtpServer = Type.Object(
  {
    host: Type.String(),
    port: Type.Integer(),
    security: SmtpSecurity,
    username: Type.Union([Type.String(), Type.Null()]),
    passwordSet: Type.Boolean({ description: 'Whether a password is stored (sealed; never shown again).' }),
    from: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
  },
  { $id: 'OrgSmtpServer' },
);
export type OrgSmtpServer = Static<typeof OrgSmtpServer>;
export const OrgSmtpSettings = Type.Object(
  {
    mode: Type.Union([Type.Literal('default'), Type.Literal('custom'), Type.Literal('inherited')], {
      description:
        "'custom': the organization's own mail server; 'inherited': the one its support organization set up; 'default': the hub's.",
    }),
    inheritedFrom: Type.Union([Type.String(), Type.Null()], {
      description: 'With mode inherited: the name of the organization whose mail server is used.',
    }),
    defaultConfigured: Type.Boolean({
      description:
        'Whether the hub has a mail server; without one, default-mode alert emails stay in the operator’s outbox.',
    }),
    server: Type.Union([OrgSmtpServer, Type.Null()], {
      description: "The organization's own server (mode custom); null otherwise.",
    }),
  },
  { $id: 'OrgSmtpSettings' },
);
export type OrgSmtpSettings = Static<typeof OrgSmtpSettings>;
export const UpdateOrgSmtpRequest = Type.Object(
  {
    host: Hostname,
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    security: SmtpSecurity,
    username: Type.Optional(Type.Union([Text({ minLength: 1, maxLength: 320 }), Type.Null()])),
    password: Type.Optional(
      Text({
        minLength: 1,
        maxLength: 1000,
        description: 'Omit to keep the stored password; it is sealed and never shown again.',
      }),
    ),
    from: Type.String({
      minLength: 3,
      maxLength: 320,
      pattern:
        '^[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*@[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*$',
      description: 'Sender, e.g. "Acme AV <av-alerts@acme.example>".',
    }),
  },
  { $id: 'UpdateOrgSmtpRequest', additionalProperties: false },
);
export type UpdateOrgSmtpRequest = Static<typeof UpdateOrgSmtpRequest>;
/** `to` defaults to the caller's own address. */
export const TestOrgSmtpRequest = Type.Object(
  { to: Type.Optional(Email) },
  { $id: 'TestOrgSmtpRequest', additionalProperties: false },
);
export const TestOrgSmtpResult = Type.Object(
  {
    to: Type.String(),
    via: Type.Union([Type.Literal('default'), Type.Literal('custom'), Type.Literal('inherited')]),
    kept: Type.Boolean({
      description: 'true: no mail server anywhere, the test message is in the operator’s outbox.',
    }),
  },
  { $id: 'TestOrgSmtpResult' },
);
