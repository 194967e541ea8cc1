import { languages, type TrialOffer, type TrialSignupRequest } from '@crosspoint/protocol';
import type { OrganizationService } from './organization.service.ts';
import { isoDay, type Clock } from './context.ts';
import { ServiceError } from './service-error.ts';

/** Mail providers anyone can sign up with, by their domain's first label (yahoo.co.uk, gmx.de, …). */
const freeProviders = new Set([
  'gmail',
  'googlemail',
  'yahoo',
  'ymail',
  'rocketmail',
  'hotmail',
  'outlook',
  'live',
  'msn',
  'aol',
  'icloud',
  'me',
  'mac',
  'zoho',
  'zohomail',
  'gmx',
  'web',
  'mail',
  'email',
  'yandex',
  'protonmail',
  'proton',
  'pm',
  'tutanota',
  'tuta',
  'qq',
  '163',
  '126',
  'sina',
  'naver',
  'daum',
  'libero',
  'laposte',
  'orange',
  'free',
  'wanadoo',
  'seznam',
  'rediffmail',
  'fastmail',
  'hushmail',
  'inbox',
  'mailinator',
  'yopmail',
]);
/** Domains whose first label is also common in company domains: free only with these endings. */
const freeOnlyAs = new Map([
  ['web', ['web.de']],
  ['mail', ['mail.com', 'mail.ru']],
  ['email', ['email.com']],
  ['me', ['me.com']],
  ['mac', ['mac.com']],
  ['live', ['live.com', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.it']],
  ['free', ['free.fr']],
  ['orange', ['orange.fr']],
  ['inbox', ['inbox.com', 'inbox.ru', 'inbox.lv']],
  ['pm', ['pm.me']],
]);

/** Whether an address is at a free mail provider (a trial asks for a work address). */
export function isFreeEmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  const first = domain.split('.')[0] ?? '';
  if (!freeProviders.has(first)) return false;
  const only = freeOnlyAs.get(first);
  return only ? only.includes(domain) : true;
}

export interface TrialTerms {
  enabled: boolean;
  days: number;
  maxDevices: number;
}

/**
 * Self-service trials (cloud edition, off unless the operator turns them on): an AV integrator
 * signs up with a work address and gets a support organization whose pool holds the devices it
 * expects (up to the offer's cap) for the offer's days, and an emailed invitation to be its Owner.
 * The operator sees it in the support organizations and in the platform's history.
 */
export class TrialSignupService {
  constructor(private readonly d: { organizations: OrganizationService; clock: Clock; terms: TrialTerms }) {}

  offer(): TrialOffer {
    return { enabled: this.d.terms.enabled, days: this.d.terms.days, maxDevices: this.d.terms.maxDevices };
  }

  async start(req: TrialSignupRequest, ip: string): Promise<void> {
    if (!this.d.terms.enabled) throw ServiceError.notFound('Self-service trials on this hub');
    const email = req.email.trim().toLowerCase();
    if (isFreeEmail(email)) {
      throw ServiceError.invalid(
        'VALIDATION_FAILED',
        'Please use your work email address: free email domains (Gmail, Yahoo, Outlook.com, …) cannot be accepted.',
        [{ path: '/body/email', message: 'is at a free email domain' }],
      );
    }
    const now = this.d.clock();
    const end = new Date(now.getTime() + this.d.terms.days * 86_400_000);
    await this.d.organizations.createSupportOrg(
      { userId: null, label: `trial sign-up (${email})`, ip },
      {
        name: req.company.trim(),
        ownerEmail: email,
        devicePool: Math.min(req.expectedDevices, this.d.terms.maxDevices),
        trial: { start: isoDay(now), end: isoDay(end) },
        owner: {
          firstName: req.firstName,
          lastName: req.lastName,
          // A language of the app's, else the person's default.
          language: languages.find((l) => l === req.language),
        },
        detail: {
          contact: `${req.firstName} ${req.lastName}`,
          phone: req.phone,
          website: req.website ?? null,
          country: req.country,
          city: req.city ?? null,
          expectedDevices: req.expectedDevices,
        },
      },
    );
  }
}
