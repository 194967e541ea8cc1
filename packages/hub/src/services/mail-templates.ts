import { mailWords, type MailLanguage, type MailWords, type MemberMail } from './mail-words.ts';

/**
 * The account mails the hub sends (invitation, access given, password reset), each in the
 * recipient's language: the one chosen when they were invited, then their profile language.
 * The words of each language are in `mail-words.ts`; a language the hub does not know gets English.
 */
export interface MailText {
  subject: string;
  text: string;
}

type Template<P> = (w: MailWords, p: P) => MailText;

const invitation: Template<MemberMail> = (w, p) => ({
  subject: w.invitationSubject(p.organization),
  text: w.invitation(p, w.roles[p.role]),
});

const addedToOrg: Template<MemberMail> = (w, p) => ({
  subject: w.addedSubject(p.organization),
  text: w.added(p, w.roles[p.role]),
});

const passwordReset: Template<{ link: string }> = (w, p) => ({
  subject: w.resetSubject,
  text: w.reset(p.link),
});

export const mailTemplates = { invitation, addedToOrg, passwordReset };

const isMailLanguage = (l: string): l is MailLanguage => Object.hasOwn(mailWords, l);

export function render<P>(template: Template<P>, language: string, params: P): MailText {
  return template(mailWords[isMailLanguage(language) ? language : 'en'], params);
}
