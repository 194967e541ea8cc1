/**
 * The words of every email the hub sends, per language. English is complete; other languages fall
 * back to English until translated.
 */
export interface MailText {
  subject: string;
  text: string;
}

type Template<P> = Record<'en', (p: P) => MailText> & Partial<Record<string, (p: P) => MailText>>;

const invitation: Template<{ organization: string; role: string; link: string; inviter: string }> = {
  en: (p) => ({
    subject: `You are invited to ${p.organization} on Crosspoint`,
    text: `Hello,

${p.inviter} invited you to ${p.organization} on Crosspoint as ${p.role}.

Register your password here (the link works once and expires in 7 days):
${p.link}

If you did not expect this, ignore this message.`,
  }),
  de: (p) => ({
    subject: `Einladung zu ${p.organization} in Crosspoint`,
    text: `Hallo,

${p.inviter} hat Sie als ${p.role} zu ${p.organization} in Crosspoint eingeladen.

Legen Sie hier Ihr Passwort fest (der Link gilt einmal und 7 Tage lang):
${p.link}

Falls Sie das nicht erwartet haben, ignorieren Sie diese Nachricht.`,
  }),
};

const addedToOrg: Template<{ organization: string; role: string; link: string; inviter: string }> = {
  en: (p) => ({
    subject: `You now have access to ${p.organization} on Crosspoint`,
    text: `Hello,

${p.inviter} gave you access to ${p.organization} on Crosspoint as ${p.role}.
Sign in as usual and pick it under "Choose Organization…":
${p.link}`,
  }),
};

const passwordReset: Template<{ link: string }> = {
  en: (p) => ({
    subject: 'Reset your Crosspoint password',
    text: `Hello,

Someone (hopefully you) asked to reset the password of this Crosspoint account.
Choose a new password here (the link works once and expires in 1 hour):
${p.link}

If you did not ask for this, ignore this message: your password stays as it is.`,
  }),
};

export const mailTemplates = { invitation, addedToOrg, passwordReset };

export function render<P>(template: Template<P>, language: string, params: P): MailText {
  return (template[language] ?? template.en)(params);
}
