// The Settings screen's data, and the keys mutations invalidate.
import { useQuery } from '@tanstack/react-query';
import { call, type CallAnswer } from '../../api/client.ts';

export const settingsKeys = {
  alertPrefs: ['alert-prefs'],
  license: ['license'],
  tokens: ['tokens'],
} as const;

/** An API token as listed (its secret is shown once, when created, never again). */
export type ApiToken = CallAnswer<'listApiTokens'>['items'][number];

/** The signed-in user's alert channels in every organization. */
export const useAlertPreferences = () =>
  useQuery({
    queryKey: settingsKeys.alertPrefs,
    queryFn: ({ signal }) => call('listAlertPreferences', {}, { signal }),
  });

/** The enterprise license's status; rechecked hourly (it can run out while the app is open). */
export const useLicense = (orgId: string, enabled = true) =>
  useQuery({
    queryKey: [...settingsKeys.license, orgId],
    queryFn: ({ signal }) => call('getLicense', { params: { orgId } }, { signal }),
    enabled,
    refetchInterval: 60 * 60 * 1000,
  });

export const useApiTokens = (orgId: string) =>
  useQuery({
    queryKey: [...settingsKeys.tokens, orgId],
    queryFn: ({ signal }) => call('listApiTokens', { params: { orgId } }, { signal }),
  });
