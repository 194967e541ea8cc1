import type { TFunction } from 'i18next';
import type { OrgChoice } from '@crosspoint/protocol';
import { ApiError } from '../api/client.ts';

/** A catalog key for a value the hub sends in English ("Login Failed", "OVERHEATING!", "Restarting..."). */
export const valueKey = (value: string): string => value.replace(/[^A-Za-z0-9]+/g, '');

/**
 * A status as the hub names it (device, server, user, organization, incident, delivery), in the
 * active language; an unknown status shows as sent.
 */
export function statusLabel(t: TFunction, status: string): string {
  return t(`status.${valueKey(status)}`, { defaultValue: status });
}

/**
 * A failed request for people: the hub's message in English (it is written in English and is the
 * most specific), a translation of its stable code in other languages, the hub's message otherwise.
 */
export function errorMessage(t: TFunction, language: string, error: unknown): string {
  if (!(error instanceof Error)) return t('errors.generic');
  if (error instanceof ApiError && !language.startsWith('en')) {
    return t(`errors.${error.code}`, { defaultValue: error.message });
  }
  return error.message;
}

/** What the header says an organization is. */
export function orgKindLabel(t: TFunction, org: OrgChoice): string {
  switch (org.kind) {
    case 'platform':
      return t('orgKind.platform');
    case 'support':
      return t('orgKind.support');
    case 'client':
      return org.parentName ? t('orgKind.clientOf', { name: org.parentName }) : t('orgKind.client');
    case 'enterprise':
      return t('orgKind.enterprise');
  }
}
